import type { keysEn } from '../en/keys.ts';

/** keys 功能的中文，与 en/keys.ts 的键一致。 */
export const keysZh: Record<keyof typeof keysEn, string> = {
  'error.conflict': '另一台设备先改动了它。',

  'keys.title': '端到端加密',
  'keys.explain':
    '你的记忆在同步之前就在你的设备上加密。只有你的设备持有密钥，服务器永远看不到它。',
  'keys.checking': '正在检查…',
  'keys.notConnected': '请先让这台设备加入一个图书馆。',
  'keys.unreachable': '无法连接服务器检查：{reason}',
  'keys.retry': '再试一次',
  'keys.holds': '这台设备持有图书馆的密钥。',
  'keys.holdsNot': '这台设备还没有图书馆的密钥。',

  'keys.setupTitle': '设置加密',
  'keys.setupExplain': '选一个口令：在其他设备上解锁这个图书馆时需要它。一句短短的话，好记又难猜。',
  'keys.passphrase': '口令',
  'keys.confirm': '确认口令',
  'keys.strength.too-short': '太短了：至少 10 个字符。',
  'keys.strength.fair': '一般。越长越安全。',
  'keys.strength.strong': '很强。',
  'keys.mismatch': '两次输入的口令不一样。',

  'keys.task.preparing': '正在生成密钥…需要几秒钟。',
  'keys.task.saving': '正在保存…',
  'keys.task.unlocking': '正在解锁…需要几秒钟。',
  'keys.task.recovering': '正在恢复密钥…需要几秒钟。',
  'keys.task.changing': '正在更改口令…需要几秒钟。',
  'keys.task.sending': '正在发送…需要几秒钟。',

  'keys.codeTitle': '你的恢复码',
  'keys.codeExplain':
    '请把这串恢复码抄下来，放在安全的地方。它只显示这一次。如果忘了口令，这是找回记忆的唯一办法。',
  'keys.code': '恢复码',
  'keys.copy': '复制',
  'keys.copied': '已复制。',
  'keys.print': '打印',
  'keys.writtenDown': '我已经抄好了',
  'keys.finish': '完成设置',
  'keys.cancel': '取消',

  'keys.unlockTitle': '解锁这个图书馆',
  'keys.unlockExplain': '这个图书馆已加密。输入它的口令，就能在这台设备上阅读和同步其中的记忆。',
  'keys.unlock': '解锁',
  'keys.useRecovery': '使用恢复码',
  'keys.recoveryExplain': '输入恢复码，再设一个新口令。旧口令将不再有效。',
  'keys.newPassphrase': '新口令',
  'keys.confirmNew': '确认新口令',
  'keys.recover': '恢复密钥',

  'keys.receive': '从另一台设备接收密钥',
  'keys.receiveExplain':
    '在一台持有密钥的设备上扫描这个二维码或打开链接。确认两边屏幕上的核对码相同，再在那台设备上输入口令。',
  'keys.qr': '给另一台设备的链接二维码',
  'keys.link': '给另一台设备的链接',
  'keys.fingerprint': '核对码',
  'keys.waiting': '正在等待另一台设备…',
  'keys.stopReceiving': '停止等待',

  'keys.changeTitle': '更改口令',
  'keys.currentPassphrase': '当前口令',
  'keys.change': '更改口令',

  'keys.notice.set-up': '加密已设置好。这台设备持有图书馆的密钥。',
  'keys.notice.unlocked': '已解锁。这台设备持有图书馆的密钥。',
  'keys.notice.recovered': '密钥已恢复，并使用你的新口令保护。',
  'keys.notice.changed': '口令已更改。从现在起请使用新口令。',
  'keys.notice.received': '完成：密钥已送达。这台设备持有图书馆的密钥。',
  'keys.notice.sent': '已发送。新设备会自己完成。',

  'keys.problem.wrong-passphrase': '这个口令打不开这个图书馆的密钥。',
  'keys.problem.invalid-recovery-code': '这个恢复码无效，请检查有没有输错。',
  'keys.problem.no-key': '这个图书馆还没有密钥：请先在它的某台设备上设置加密。',
  'keys.problem.conflict': '另一台设备先设置或更改了密钥。请使用在那台设备上设的口令。',
  'keys.problem.unreadable': '这台设备打不开收到的回复。请重新开始。',
  'keys.problem.failed': '没有成功：{reason}',
  'keys.problem.unknown': '这台设备上出了点问题。你输入的内容都还在。',

  'keysSend.title': '发送图书馆密钥',
  'keysSend.explain':
    '一台新设备请求这个图书馆的密钥。请把下面的核对码与新设备屏幕上的比较：相同才发送。',
  'keysSend.match': '核对码相同',
  'keysSend.send': '发送密钥',
  'keysSend.badLink': '这个链接不完整。请在新设备的屏幕上重新打开它。',
  'keysSend.notConnected': '这台设备不在任何图书馆中：请在已加入的设备上打开链接。',
  'keysSend.alreadySent': '这个请求的密钥已经发送过了。',
  'keysSend.back': '返回设置',
};
