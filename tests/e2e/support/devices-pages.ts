import type { Locator, Page } from 'playwright-core';

/** Settings' "Devices in this library" section: the list, pairing and revoking. */
export class DevicesSection {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Devices in this library' });
  }
  get devices(): Locator {
    return this.section.getByRole('list', { name: 'Devices' }).getByRole('listitem');
  }
  /** The devices other than this one (each with a Revoke button). */
  get others(): Locator {
    return this.devices.filter({ has: this.page.getByRole('button', { name: 'Revoke' }) });
  }
  get pairButton(): Locator {
    return this.page.getByRole('button', { name: 'Pair a new device' });
  }
  get pairingCode(): Locator {
    return this.page.getByRole('status', { name: 'Pairing code' });
  }
  get signedOut(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'This device was signed out' });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/settings?lang=en`);
    await this.section.waitFor();
  }

  /** Make a pairing code and return it as shown (`ABCD-EFGH`). */
  async pair(): Promise<string> {
    await this.pairButton.click();
    await this.pairingCode.waitFor();
    return (await this.pairingCode.textContent())?.trim() ?? '';
  }

  /** Revoke the only other device, accepting the confirmation. */
  async revokeOther(): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.others.first().getByRole('button', { name: 'Revoke' }).click();
  }
}

/** The "Join a library" screen: a pairing code in, new credentials out. */
export class JoinPage {
  constructor(readonly page: Page) {}

  get codeBox(): Locator {
    return this.page.getByRole('textbox', { name: 'Pairing code' });
  }
  get joinButton(): Locator {
    return this.page.getByRole('button', { name: 'Join', exact: true });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/join?lang=en`);
    await this.codeBox.waitFor();
  }

  async join(code: string): Promise<void> {
    await this.codeBox.fill(code);
    await this.joinButton.click();
    await this.page.getByText('Joined.').waitFor();
  }
}
