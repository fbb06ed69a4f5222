import { keysEn } from './en/keys.ts';
import { notebookEn } from './en/notebook.ts';
import { picturesEn } from './en/pictures.ts';
import { syncEn } from './en/sync.ts';

/**
 * English strings. Names marked "contract" are what automated checks look for (DESIGN.md §7):
 * change them only with a migration note in the README. `{name}` is filled in by `translate`.
 */
export const en = {
  'app.name': 'Memory Library',
  'app.skip': 'Skip to content',
  'app.loading': 'Opening your library…',
  'app.loadFailed':
    'Part of the app did not arrive (the connection dropped while it loaded). Your memories are safe on this device.',
  'app.reload': 'Try again',

  'app.storageFailed':
    'This browser is not letting Memory Library keep anything on this device, so nothing you write can be saved. Private browsing often does this: open the app in a normal window.',
  'nav.label': 'Main',
  'nav.write': 'Write', // contract
  'nav.library': 'Library', // contract
  'nav.search': 'Search', // contract
  'nav.settings': 'Settings', // contract

  'status.label': 'Sync status', // contract
  'status.offline': 'Offline', // contract
  'status.saving': 'Saving…', // contract
  'status.saved': 'Saved', // contract
  'status.syncing': 'Syncing…', // contract
  'status.synced': 'Synced', // contract
  'status.waiting': '{count} waiting', // contract

  'write.title': 'Write',
  'write.label': 'New memory', // contract
  'write.placeholder': 'What happened? Write it the way you would tell a friend.',
  'write.save': 'Save', // contract
  'write.emptyHint': 'Write something first — an empty memory is not saved.',
  'write.readyHint': 'Saved on this device first; nothing is lost if you close the app.',
  'write.restored': 'Your unsaved words are back where you left them.',
  'write.saveFailed': 'Could not save: {reason} Your words are still here — try again.',
  'write.recent': 'Your memories',
  'write.none': 'No memories yet. The first one you save opens the library.',

  'memory.shelvedIn': '{hall} · {shelf}',
  'memory.callNumber': 'Call number',
  'memory.queued': 'Waiting for the librarian',
  'memory.failed': 'The librarian could not read this one: {reason}',
  'memory.noCard': 'Read by the librarian, not shelved',
  'memory.reply': 'The librarian wrote',
  'memory.showAll': 'Show all',
  'memory.showLess': 'Show less',

  'reply.label': "Librarian's reply", // contract
  'reply.reading': 'The librarian is reading your memory…',
  'reply.writing': 'The librarian is writing…',
  'reply.shelved': 'Shelved in {hall} · {shelf}',
  'reply.noCard':
    'The librarian replied, but its catalog card was not usable, so this memory has no call number yet.',
  'reply.offline':
    'You are offline — your memory is saved on this device. The librarian will read it when you are back online.',
  'reply.librarianOffline':
    'The AI librarian is offline on this server — your memory is saved on this device.',
  'reply.unregistered':
    'This device is not connected to the library server yet — your memory is saved on this device.',
  'reply.needsInvite':
    'This device needs an invite code before the librarian can read your memories — your memory is saved on this device.',
  'reply.failed': '{reason} Your memory is saved on this device.',
  'reply.retryLater': 'The librarian will try again later.',
  'reply.refused': '{reason} Your memory is saved on this device.',
  'reply.waiting': 'Memories waiting for the librarian: {count}.',
  'reply.reasoning': 'How the librarian thought',
  'reply.tokens': '{count} tokens',

  'error.offline': 'The server cannot be reached.',
  'error.aborted': 'The request was cancelled.',
  'error.bad-response': 'The server sent a reply the app could not read.',
  'error.invalid-request': 'The server could not accept this request.',
  'error.unauthenticated': 'This device is no longer signed in to the library.',
  'error.forbidden': 'This server needs an invite code.',
  'error.not-found': 'The server does not know this address.',
  'error.too-large': 'This memory is too long for the librarian.',
  'error.budget-exceeded': "The librarian's budget is used up for now.",
  'error.rate-limited': 'Too many requests at once.',
  'error.upstream-error': 'The model behind the librarian made a mistake.',
  'error.upstream-unavailable': "The librarian's model is not answering right now.",
  'error.internal-error': 'The server had a problem.',
  'error.pageMissing': 'There is no page here.',
  'error.backToWriting': 'Back to writing',
  'error.storage': 'This device could not store it ({detail}).',
  'error.retryIn': 'It will try again {when}.',

  'library.title': 'Library',
  'library.more': 'More about your library',
  'library.intro':
    'Ten halls, one for each part of a life. The librarian shelves every memory in one of them and gives it a call number.',
  'library.halls': 'Halls',
  'library.count': '{count} catalogued',
  'library.emptyHall': 'No memories here yet.',
  'library.shelfCount': '{count} on this shelf',
  'library.waiting': 'Waiting for the librarian: {count}.',
  'library.none':
    'Nothing is catalogued yet. Memories appear here once the librarian has shelved them.',

  'search.title': 'Search',
  'search.label': 'Search memories', // contract
  'search.placeholder': 'A word, a name, a place…',
  'search.hint': 'Looks through every memory on this device. Works offline.',
  'search.count': 'Found: {count}',
  'search.none': 'No memory mentions “{query}”.',

  'settings.title': 'Settings',
  'settings.language': 'Language',
  'settings.languageHint': 'Until you choose, the app follows your browser’s language.',
  'settings.device': 'This device',
  'settings.deviceName': 'Device name',
  'settings.libraryId': 'Library',
  'settings.deviceId': 'Device',
  'settings.unregistered': 'Not connected yet',
  'settings.registering': 'Connecting…',
  'settings.librarian': 'AI librarian',
  'settings.librarianState': 'Status',
  'settings.serverVersion': 'Server version',
  'settings.checkAgain': 'Check again',
  'settings.queue': 'Memories waiting for the librarian',
  'settings.memories': 'Memories on this device',

  'librarian.online': 'Online',
  'librarian.offline': 'Offline on this server',
  'librarian.unreachable': 'Cannot reach the server',
  'librarian.checking': 'Checking…',

  'invite.title': 'An invite code is needed',
  'invite.explain':
    'This server is private: the person who runs it gives out invite codes so that only people they know can use its AI librarian. Ask them for one and enter it here. Until then, everything you write is still saved on this device.',
  'invite.label': 'Invite code',
  'invite.submit': 'Join',
  'invite.wrong': 'That invite code did not work. Check it and try again.',

  'update.title': 'Update available',
  'update.explain': 'A new version of Memory Library is ready. Your draft is kept.',
  'update.apply': 'Update',
  'update.later': 'Later',

  'nav.timeline': 'Timeline', // an addition to the contract's links
  'write.details': 'Date, mood and tags',
  'write.when': 'When it happened',
  'write.whenHint': 'Leave empty for now — or pick yesterday, or any day.',
  'write.mood': 'Mood',
  'write.noMood': 'No mood',
  'write.tags': 'Tags',
  'write.tagsHint': 'Separate tags with commas.',
  'write.private': 'Private — never sent to the AI librarian',
  'write.seeAll': 'All memories in the Timeline',
  'write.onThisDay': 'On this day',
  'memory.open': 'Open',
  'memory.private': 'Private',
  'memory.edited': 'Edited',
  'memory.edit': 'Edit',
  'memory.editLabel': 'Memory text',
  'memory.saveChanges': 'Save changes',
  'memory.cancel': 'Cancel',
  'memory.changesSaved': 'Changes saved as a new version.',
  'memory.delete': 'Move to Trash',
  'memory.deleted': 'Moved to the Trash. You can restore it there for 30 days.',
  'memory.history': 'History',
  'memory.versions': '{count} versions',
  'memory.current': 'Current version',
  'memory.restoreVersion': 'Restore this version',
  'memory.restored': 'Restored as a new version; nothing was lost.',
  'revision.create': 'Written',
  'revision.edit': 'Edited',
  'revision.restore': 'Restored',
  'revision.import': 'Imported',
  'memory.catalog': 'Catalog card',
  'memory.location': 'Location',
  'memory.emotions': 'Emotions',
  'memory.people': 'People',
  'memory.places': 'Places',
  'memory.themes': 'Themes',
  'memory.whyHere': 'Why here',
  'memory.sourceDevice': "The device's guess",
  'memory.sourceLibrarian': 'Catalogued by the librarian',
  'memory.noCatalog': 'Not catalogued yet.',
  'memory.privateNote': 'Private: this memory is never sent to the AI librarian.',
  'memory.related': 'Related memories', // contract
  'memory.noRelated': 'No related memories yet.',
  'memory.notFound': 'This memory is not here — it may have been deleted for good.',
  'memory.inTrash': 'This memory is in the Trash.',
  'memory.noReply': 'The librarian has not replied to this memory yet.',
  'memory.tags': 'Tags',
  'memory.mood': 'Mood',
  'memory.back': 'Back to the Timeline',
  'memory.editFailed':
    'Could not save the changes: {reason} Your words are still here — try again.',
  'timeline.title': 'Timeline',
  'timeline.count': '{count} memories',
  'timeline.empty': 'Nothing here yet. Memories you write appear here, by month and day.',
  'timeline.loading': 'Reading all your memories…',
  'timeline.onThisDay': 'On this day',
  'timeline.trash': 'Trash',
  'timeline.list': 'Memories by date',
  'trash.title': 'Trash',
  'trash.intro':
    'Memories you delete stay here for 30 days, with all their versions. Then they are removed for good.',
  'trash.empty': 'The Trash is empty.',
  'trash.restore': 'Restore',
  'trash.deleteForever': 'Delete forever',
  'trash.purgeOn': 'Removed for good on {date}',
  'trash.restored': 'Restored to your memories.',
  'search.filters': 'Filters',
  'search.from': 'From',
  'search.to': 'To',
  'search.mood': 'Mood',
  'search.anyMood': 'Any mood',
  'search.tag': 'Tag',
  'search.anyTag': 'Any tag',
  'search.hall': 'Hall',
  'search.anyHall': 'Any hall',
  'search.clearFilters': 'Clear filters',
  'search.more': 'Show more',
  'search.results': 'Results',
  'settings.storage': 'Keeping your memories',
  'settings.persisted': 'Protected: the browser will not clear your memories when space runs low.',
  'settings.notPersisted':
    'Not protected yet: the browser may clear them if this device runs out of space. Export a backup now and then.',
  'settings.persistUnknown':
    'This browser does not say whether it keeps them. Export a backup now and then.',
  'settings.persist': 'Keep my memories on this device',
  'settings.usage': 'Using {used} of about {quota} available.',
  'settings.install': 'Install',
  'settings.installTitle': 'The app on your home screen',
  'settings.installExplain': 'Installed, Memory Library opens like any app and works offline.',
  'settings.installed': 'Installed on this device.',
  'settings.installUnavailable': "Use your browser's menu to install or add it to the home screen.",
  'ios.hint':
    "On iPhone and iPad, add Memory Library to your Home Screen: tap Share, then “Add to Home Screen”. Safari keeps an installed app's memories more safely.",
  'ios.dismiss': 'Not now',
  'backup.title': 'Backup',
  'backup.explain':
    'Your memories live on this device. Export them to keep a copy anywhere you like; import a backup to bring them back.',
  'backup.format': 'Format',
  'backup.json': 'Full backup (JSON): everything',
  'backup.jsonl': 'JSONL: one memory per line',
  'backup.markdown': 'Markdown: one file per month (zip)',
  'backup.export': 'Export', // contract
  'backup.import': 'Import', // contract
  'backup.importExplain':
    'Import a full backup (.json) or a JSONL file. Memories you already have are not duplicated; a newer version wins and the older one is kept in its history.',
  'backup.exported': 'Exported {count} memories.',
  'backup.imported': 'Imported: {added} new, {updated} updated, {unchanged} already here.',
  'backup.badLines': 'Skipped lines that could not be read: {lines}.',
  'backup.refused': 'This file was not imported: {reason} Nothing was changed.',
  'backup.notOurs': 'it is not a Memory Library backup or JSONL file.',
  'backup.empty': 'it has no memories in it.',
  'backup.corrupt': 'it is damaged ({detail}).',
  'backup.working': 'Working…',
  'backup.failed': 'Could not finish: {reason}',
  'settings.openTrash': 'Open the Trash',
  'error.quota':
    'This device is out of storage space ({detail}). Free some space, then save again.',
  'error.connectionLost':
    "The browser closed its connection to this device's storage ({detail}). It has been reopened — save again.",

  // Devices, pairing and signing out (issue 4)
  'nav.compare': 'Compare', // contract
  'devices.title': 'Devices in this library',
  'devices.explain':
    "Every device that can use this library's librarian. Revoke one you no longer use or have lost: it is signed out at once.",
  'devices.loading': 'Loading the devices…',
  'devices.list': 'Devices',
  'devices.thisDevice': 'This device',
  'devices.added': 'Added {date}',
  'devices.lastSeen': 'Last seen {date}',
  'devices.neverSeen': 'Not seen since it joined',
  'devices.revoke': 'Revoke',
  'devices.confirmRevoke':
    'Revoke “{name}”? It is signed out of this library at once. The memories on it stay on it.',
  'devices.revoked': '“{name}” was revoked.',
  'devices.pair': 'Pair a new device',
  'devices.pairExplain': 'On the other device, open Settings → Join a library and type this code.',
  'devices.code': 'Pairing code',
  'devices.expires': 'It works once, until {time}.',
  'devices.failed': 'Could not reach the library: {reason}',
  'devices.notConnected': 'This device is not connected to a library server yet.',
  'devices.join': 'Join a library',
  'devices.joinHint': 'Use a library you already have on another device?',
  'signedOut.title': 'This device was signed out',
  'signedOut.explain':
    'The library no longer accepts this device: it was revoked from another device, or the server forgot it. Your memories are still here, on this device. Join a library with a pairing code, or start a new library.',
  'signedOut.newLibrary': 'Start a new library',
  'reply.signedOut':
    'This device was signed out of the library — your memory is saved on this device.',
  'join.title': 'Join a library',
  'join.explain':
    'On a device that is already in the library, open Settings and choose “Pair a new device”. Type the code it shows here.',
  'join.label': 'Pairing code',
  'join.submit': 'Join',
  'join.warning':
    'Memories written on this device stay on this device until sync arrives: they are not copied into the library you join, and the other devices’ memories do not appear here yet. This device leaves the library it is in now.',
  'join.joined': 'Joined. This device now uses the same library as the device that made the code.',
  'join.wrongCode': 'That pairing code is not valid or has expired. Make a new one and try again.',
  'join.failed': 'That did not work: {reason}',
  'join.back': 'Back to Settings',

  // The on-device librarian (issue 6)
  'reply.deviceGuess': "The device's guess",
  'reply.deviceGuessExplain':
    "Shelved on this device at once, without the network. The AI librarian's card replaces it when it arrives.",
  'reply.deviceKept': 'The device had guessed {callNumber}.',
  'memory.deviceGuessed': 'The device first guessed {place} ({callNumber}).',
  'memory.relatedWhy': 'Shared: {words}',

  // Compare (issue 6)
  'compare.title': 'Compare models',
  'compare.intro':
    'Send one memory to two to four models at once and see how each would shelve and answer it. Keep the reply you like best.',
  'compare.memory': 'Memory',
  'compare.models': 'Models (choose 2 to 4)',
  'compare.default': 'default',
  'compare.price': '${prompt} in · ${completion} out per million tokens',
  'compare.loadingModels': 'Loading the models…',
  'compare.run': 'Send to these models',
  'compare.running': 'Asking {count} models…',
  'compare.pickCount': 'Choose two to four models.',
  'compare.noMemories': 'Write a memory first: there is nothing to compare yet.',
  'compare.private': 'This memory is private: it is never sent to a model.',
  'compare.failedAll': 'Could not compare: {reason}',
  'compare.results': 'Replies',
  'compare.tokens': 'Tokens',
  'compare.cost': 'Cost',
  'compare.costUnknown': 'not reported',
  'compare.latency': 'Time',
  'compare.seconds': '{seconds} s',
  'compare.cache': 'Read from cache',
  'compare.failed': 'This model did not answer: {reason}',
  'compare.keep': 'Keep this one',
  'compare.kept': 'Kept',
  'compare.keptNote': "Kept: this reply and its card are now the memory's.",
  'compare.keptBefore': 'Last time you kept the reply of {model}.',
  'compare.shelf': 'Shelf',

  // The librarian's ink (issue 6)
  'ink.title': "The librarian's ink",
  'ink.explain':
    'Each reply uses some of the tokens this server allows your library per day and per month. When the ink runs low, replies get shorter, then a cheaper model answers; when it runs out, only the device librarian shelves new memories until it refills.',
  'ink.today': 'Today',
  'ink.month': 'This month',
  'ink.amount': '{used} of {limit} tokens used · {left} left',
  'ink.refills': 'Refills {when}.',
  'ink.cost': 'Spent this month: {cost}',
  'ink.unknown': 'Not known yet: this device has not reached the server.',
  'ink.short': 'The ink is getting low: the librarian keeps its replies short for now.',
  'ink.low':
    'The ink is running low: the librarian answers briefly, with a cheaper model, for now.',
  'ink.lowModel': 'The ink is running low: the librarian answers briefly, with {model}, for now.',
  'ink.out':
    'The ink is used up: only the device librarian shelves new memories. The rest wait until {when}.',

  'lang.en': 'English',
  'lang.zh': '中文',
  ...syncEn,
  ...keysEn,
  ...notebookEn,
  ...picturesEn,
} as const;

export type MessageKey = keyof typeof en;
