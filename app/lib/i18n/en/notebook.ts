/** English strings of the notebook feature, spread into en.ts (one file per feature keeps merges apart). */
export const notebookEn = {
  'notebook.region': "The librarian's notebook", // contract
  'notebook.accept': 'Accept', // contract
  'notebook.dismiss': 'Dismiss', // contract
  'notebook.edit': 'Edit', // contract
  'notebook.delete': 'Delete',
  'notebook.save': 'Save note',
  'notebook.cancel': 'Cancel',
  'notebook.noteLabel': 'Note',
  'notebook.invalid': 'A note is 1 to 200 characters.',
  'notebook.failed': 'That did not work: {reason}',
  'notebook.proposedHere': 'The librarian would like to remember',
  'notebook.proposedHint': 'It keeps a note only when you accept it.',
  'notebook.why': 'Why: {why}',
  'notebook.kept': 'What it knows',
  'notebook.keptNone': 'Nothing kept yet. Notes you accept appear here and go with every request.',
  'notebook.proposals': 'Proposed notes',
  'notebook.proposalsNone': 'No proposals waiting.',
  'notebook.fromMemory': 'From a memory',
  'notebook.history': 'History',
  'notebook.restore': 'Restore this wording',
  'notebook.action.proposed': 'Proposed',
  'notebook.action.accepted': 'Accepted',
  'notebook.action.edited': 'Edited',
  'notebook.action.dismissed': 'Dismissed',
  'notebook.action.restored': 'Restored',
  'notebook.autoKeep': "Keep the librarian's notes automatically",
  'notebook.autoKeepHint': 'When on, notes the librarian proposes are kept without asking.',
  'librarianPage.link': 'The librarian', // contract
  'librarianPage.title': 'The librarian',
  'librarianPage.intro':
    'What the librarian has learned about you, how much it has shelved, and how its guesses improve as you correct it.',
  'librarianPage.shelved': 'Shelved',
  'librarianPage.byDevice': 'By this device: {count}',
  'librarianPage.byAi': 'By the AI librarian: {count}',
  'librarianPage.improving': 'How its guesses improve',
  'librarianPage.improvingHint':
    "The share of the device's guesses that the AI librarian kept (same hall and shelf).",
  'librarianPage.overall': 'Overall',
  'librarianPage.recent': 'Last 30 days',
  'librarianPage.before': 'Before',
  'librarianPage.share': '{percent}% ({kept} of {judged})',
  'librarianPage.noShare': 'Not enough yet',
  'librarianPage.corrections': 'Your corrections',
  'librarianPage.correctionsNone':
    'No corrections yet. Move a memory or rename a shelf to teach it.',
  'correction.move': 'Moved “{title}” from {from} to {to}',
  'correction.rename-shelf': 'Renamed the shelf {from} to {to}',
  'correction.merge-shelves': 'Merged the shelf {from} into {to}',
  'shelf.move': 'Move to another shelf', // contract
  'shelf.hall': 'Hall',
  'shelf.shelf': 'Shelf',
  'shelf.shelfHint': 'Pick a shelf in this hall or type a new one.',
  'shelf.moveSubmit': 'Move',
  'shelf.moved': 'Moved to {place} as {callNumber}.',
  'shelf.byYou': 'Shelved here by you; the librarian follows your choice.',
  'shelf.formerly': 'Formerly {numbers}',
  'shelf.rename': 'Rename shelf', // contract
  'shelf.newName': 'New name',
  'shelf.renameSubmit': 'Rename',
  'shelf.merge': 'Merge into…', // contract
  'shelf.mergeTarget': 'Target shelf',
  'shelf.mergeSubmit': 'Merge',
  'shelf.invalid': 'A shelf name is 1 to 40 characters.',
  'shelf.done': 'Done. The librarian will see this correction.',
} as const;
