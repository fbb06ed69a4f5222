import type { MemoryLibraryDb } from '../db/database.ts';

/** Chromium's install prompt event (not in the DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const IOS_HINT_KEY = 'iosHintDismissed';

/**
 * Installing the app: an Install button where the browser offers `beforeinstallprompt`, and on
 * iOS Safari (which has no such event) a gentle hint to add it to the home screen.
 */
export class InstallState {
  #db: MemoryLibraryDb;
  #prompt = $state<BeforeInstallPromptEvent | undefined>();
  #installed = $state(false);
  #iosHint = $state(false);

  constructor(db: MemoryLibraryDb) {
    this.#db = db;
  }

  get canInstall(): boolean {
    return this.#prompt !== undefined && !this.#installed;
  }

  get installed(): boolean {
    return this.#installed;
  }

  /** Show the "Add to Home Screen" hint (iOS Safari, not installed, not dismissed). */
  get showIosHint(): boolean {
    return this.#iosHint;
  }

  get isIos(): boolean {
    return isIos(navigator);
  }

  start(): () => void {
    this.#installed = isStandalone();
    const onPrompt = (event: Event) => {
      event.preventDefault();
      this.#prompt = event as BeforeInstallPromptEvent;
    };
    const onInstalled = () => {
      this.#installed = true;
      this.#prompt = undefined;
    };
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    if (isIos(navigator) && !this.#installed) {
      void this.#db.kv.get(IOS_HINT_KEY).then((row) => (this.#iosHint = row?.value !== true));
    }
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }

  async install(): Promise<void> {
    const prompt = this.#prompt;
    if (!prompt) return;
    await prompt.prompt();
    const choice = await prompt.userChoice;
    this.#prompt = undefined;
    if (choice.outcome === 'accepted') this.#installed = true;
  }

  async dismissIosHint(): Promise<void> {
    this.#iosHint = false;
    await this.#db.kv.put({ key: IOS_HINT_KEY, value: true });
  }
}

export function isIos(nav: Pick<Navigator, 'userAgent' | 'maxTouchPoints' | 'platform'>): boolean {
  if (/iphone|ipad|ipod/i.test(nav.userAgent)) return true;
  // iPadOS reports itself as a Mac with a touch screen.
  return nav.platform === 'MacIntel' && nav.maxTouchPoints > 1;
}

function isStandalone(): boolean {
  const nav = navigator as Navigator & { standalone?: boolean };
  return nav.standalone === true || window.matchMedia?.('(display-mode: standalone)').matches;
}
