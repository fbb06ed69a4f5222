/**
 * English strings. Names marked "contract" are what automated checks look for (DESIGN.md §7):
 * change them only with a migration note in the README. `{name}` is filled in by `translate`.
 */
export const en = {
  'app.name': 'Memory Library',
  'app.skip': 'Skip to content',
  'app.loading': 'Opening your library…',

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

  'lang.en': 'English',
  'lang.zh': '中文',
} as const;

export type MessageKey = keyof typeof en;
