/**
 * A readable name for this device from its user agent, e.g. "Safari on iPhone" or
 * "Chrome on Android", so the person can tell their devices apart in the library's device list.
 */
export function deviceNameFromUserAgent(userAgent: string): string {
  return `${browserName(userAgent)} on ${platformName(userAgent)}`.slice(0, 60);
}

function browserName(ua: string): string {
  if (/EdgA?\/|Edg\//.test(ua)) return 'Edge';
  if (/OPR\/|Opera/.test(ua)) return 'Opera';
  if (/SamsungBrowser\//.test(ua)) return 'Samsung Internet';
  if (/MicroMessenger\//.test(ua)) return 'WeChat';
  if (/Firefox\/|FxiOS\//.test(ua)) return 'Firefox';
  if (/CriOS\//.test(ua)) return 'Chrome';
  if (/HeadlessChrome\//.test(ua)) return 'Headless Chrome';
  if (/Chrome\/|Chromium\//.test(ua)) return 'Chrome';
  if (/Safari\//.test(ua)) return 'Safari';
  return 'Browser';
}

function platformName(ua: string): string {
  if (/iPhone/.test(ua)) return 'iPhone';
  if (/iPad/.test(ua)) return 'iPad';
  if (/Android/.test(ua)) return 'Android';
  if (/Windows/.test(ua)) return 'Windows';
  // iPadOS asks for desktop pages with a Mac user agent; it can only be told apart by touch.
  if (/Macintosh|Mac OS X/.test(ua)) return 'Mac';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Linux/.test(ua)) return 'Linux';
  return 'this device';
}
