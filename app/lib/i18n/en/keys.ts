/** English strings of the keys feature, spread into en.ts (one file per feature keeps merges apart). */
export const keysEn = {
  'error.conflict': 'Another device changed this first.',

  'keys.title': 'End-to-end encryption',
  'keys.explain':
    'Your memories are encrypted on your devices before they sync. Only your devices hold the key; the server never sees it.',
  'keys.checking': 'Checking…',
  'keys.notConnected': 'Connect this device to a library first.',
  'keys.unreachable': 'Could not reach the server to check: {reason}',
  'keys.retry': 'Try again',
  'keys.holds': 'This device holds the library key.',
  'keys.holdsNot': 'This device does not hold the library key.',

  'keys.setupTitle': 'Set up encryption',
  'keys.setupExplain':
    'Choose a passphrase: you will need it to unlock this library on another device. A short sentence is easy to remember and hard to guess.',
  'keys.passphrase': 'Passphrase',
  'keys.confirm': 'Confirm passphrase',
  'keys.strength.too-short': 'Too short: at least 10 characters.',
  'keys.strength.fair': 'Fair. Longer is stronger.',
  'keys.strength.strong': 'Strong.',
  'keys.mismatch': 'The two passphrases are not the same.',

  'keys.task.preparing': 'Making your key… this takes a few seconds.',
  'keys.task.saving': 'Saving…',
  'keys.task.unlocking': 'Unlocking… this takes a few seconds.',
  'keys.task.recovering': 'Restoring the key… this takes a few seconds.',
  'keys.task.changing': 'Changing the passphrase… this takes a few seconds.',
  'keys.task.sending': 'Sending… this takes a few seconds.',

  'keys.codeTitle': 'Your recovery code',
  'keys.codeExplain':
    'Write this code down and keep it somewhere safe. It is shown only this once. If you forget the passphrase, it is the only way back to your memories.',
  'keys.code': 'Recovery code',
  'keys.copy': 'Copy',
  'keys.copied': 'Copied.',
  'keys.print': 'Print',
  'keys.writtenDown': 'I have written it down',
  'keys.finish': 'Finish setup',
  'keys.cancel': 'Cancel',

  'keys.unlockTitle': 'Unlock this library',
  'keys.unlockExplain':
    'This library is encrypted. Enter its passphrase to read and sync its memories on this device.',
  'keys.unlock': 'Unlock',
  'keys.useRecovery': 'Use recovery code',
  'keys.recoveryExplain':
    'Type the recovery code, then choose a new passphrase. The old passphrase stops working.',
  'keys.newPassphrase': 'New passphrase',
  'keys.confirmNew': 'Confirm new passphrase',
  'keys.recover': 'Restore the key',

  'keys.receive': 'Receive the key from another device',
  'keys.receiveExplain':
    'On a device that holds the key, scan this QR code or open the link. Check that both screens show the same code, then enter the passphrase there.',
  'keys.qr': 'QR code of the link for the other device',
  'keys.link': 'Link for the other device',
  'keys.fingerprint': 'Code to compare',
  'keys.waiting': 'Waiting for the other device…',
  'keys.stopReceiving': 'Stop waiting',

  'keys.changeTitle': 'Change passphrase',
  'keys.currentPassphrase': 'Current passphrase',
  'keys.change': 'Change passphrase',

  'keys.notice.set-up': 'Encryption is set up. This device holds the library key.',
  'keys.notice.unlocked': 'Unlocked. This device holds the library key.',
  'keys.notice.recovered': 'The key is back, under your new passphrase.',
  'keys.notice.changed': 'Passphrase changed. Use the new one from now on.',
  'keys.notice.received': 'Done: the key arrived. This device holds the library key.',
  'keys.notice.sent': 'Sent. The new device finishes on its own.',

  'keys.problem.wrong-passphrase': 'That passphrase does not open this library’s key.',
  'keys.problem.invalid-recovery-code': 'This recovery code is not valid: check it for typos.',
  'keys.problem.no-key':
    'This library has no key yet: set up encryption on one of its devices first.',
  'keys.problem.conflict':
    'Another device set up or changed the key first. Use the passphrase chosen there.',
  'keys.problem.unreadable': 'The answer could not be opened on this device. Start again.',
  'keys.problem.failed': 'That did not work: {reason}',
  'keys.problem.unknown': 'Something went wrong on this device. Nothing you typed was lost.',

  'keysSend.title': 'Send the library key',
  'keysSend.explain':
    'A new device asked for this library’s key. Compare the code below with the one on its screen: send only if they are the same.',
  'keysSend.match': 'The codes match',
  'keysSend.send': 'Send the key',
  'keysSend.badLink': 'This link is incomplete. Open it again from the new device’s screen.',
  'keysSend.notConnected': 'This device is not in a library: open the link on one that is.',
  'keysSend.alreadySent': 'The key was already sent for this request.',
  'keysSend.back': 'Back to Settings',
} as const;
