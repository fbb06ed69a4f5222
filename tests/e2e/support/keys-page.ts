import type { Locator, Page } from 'playwright-core';

/**
 * Settings' "End-to-end encryption" section: set up, unlock, recover, receive the key. The sync
 * tests reuse these flows to give two browsers the same library key.
 */
export class EncryptionSection {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'End-to-end encryption' });
  }
  get holdsKey(): Locator {
    return this.region.getByText('This device holds the library key.', { exact: true });
  }
  get recoveryCode(): Locator {
    return this.region.getByRole('status', { name: 'Recovery code' });
  }
  get fingerprint(): Locator {
    return this.region.getByRole('status', { name: 'Code to compare' });
  }
  get qrCode(): Locator {
    return this.region.getByRole('img', { name: 'QR code of the link for the other device' });
  }
  get problem(): Locator {
    return this.region.getByRole('alert');
  }
  passphraseBox(label: string): Locator {
    return this.region.getByLabel(label, { exact: true });
  }
  button(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  /** Settings in English, once the section knows whether the library has a key. */
  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/settings?lang=en`);
    await this.region.waitFor();
    await this.region
      .getByText(/^This device (holds|does not hold) the library key\.$/)
      .waitFor({ timeout: 20_000 });
  }

  /** First device: choose the passphrase, read the recovery code, confirm it was written down. */
  async setUp(passphrase: string): Promise<string> {
    await this.passphraseBox('Passphrase').fill(passphrase);
    await this.passphraseBox('Confirm passphrase').fill(passphrase);
    await this.button('Set up encryption').click();
    await this.recoveryCode.waitFor({ timeout: 30_000 });
    const code = (await this.recoveryCode.textContent())?.trim() ?? '';
    await this.region.getByRole('checkbox', { name: 'I have written it down' }).check();
    await this.button('Finish setup').click();
    await this.holdsKey.waitFor({ timeout: 30_000 });
    return code;
  }

  async unlock(passphrase: string): Promise<void> {
    await this.passphraseBox('Passphrase').fill(passphrase);
    await this.button('Unlock').click();
  }

  async recover(code: string, newPassphrase: string): Promise<void> {
    await this.button('Use recovery code').click();
    await this.region.getByRole('textbox', { name: 'Recovery code' }).fill(code);
    await this.passphraseBox('New passphrase').fill(newPassphrase);
    await this.passphraseBox('Confirm new passphrase').fill(newPassphrase);
    await this.button('Restore the key').click();
  }

  /** New device: ask for the key; answers the link and the fingerprint it shows. */
  async startReceiving(): Promise<{ link: string; fingerprint: string }> {
    await this.button('Receive the key from another device').click();
    await this.fingerprint.waitFor();
    const link = await this.region
      .getByRole('textbox', { name: 'Link for the other device' })
      .inputValue();
    return { link, fingerprint: (await this.fingerprint.textContent())?.trim() ?? '' };
  }
}

/** The old device's `/keys/send#…` page: compare the fingerprint, then send with the passphrase. */
export class SendKeyPage {
  constructor(readonly page: Page) {}

  get fingerprint(): Locator {
    return this.page.getByRole('status', { name: 'Code to compare' });
  }
  get sent(): Locator {
    return this.page.getByText('Sent. The new device finishes on its own.');
  }

  /** Opens the link in English; answers the fingerprint shown. */
  async open(link: string): Promise<string> {
    const url = new URL(link);
    url.searchParams.set('lang', 'en');
    await this.page.goto(url.toString());
    await this.page.getByRole('heading', { name: 'Send the library key' }).waitFor();
    await this.fingerprint.filter({ hasText: /^\s*\S{4}-\S{4}\s*$/ }).waitFor();
    return (await this.fingerprint.textContent())?.trim() ?? '';
  }

  async send(passphrase: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'The codes match' }).check();
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Send the key' }).click();
  }
}
