import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DevicesSection, JoinPage } from './support/devices-pages.ts';
import { seriousAxeViolations } from './support/diary-pages.ts';
import { EncryptionSection, SendKeyPage } from './support/keys-page.ts';
import { usePhone } from './support/phone.ts';

// bypassCSP: axe-core is injected as a script, which the app's policy rightly refuses.
const phone = usePhone({ bypassCSP: true });
const PASSPHRASE = 'grandmother’s garden in May';

async function newPage(): Promise<Page> {
  const context = await phone.browser.newContext({
    viewport: { width: 375, height: 812 },
    bypassCSP: true,
  });
  return context.newPage();
}

/** A second phone joins A's library with a pairing code from A's Settings. */
async function joinLibraryOf(a: DevicesSection, url: string): Promise<Page> {
  await a.open(url);
  await expect.poll(() => a.devices.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const code = await a.pair();
  const page = await newPage();
  const join = new JoinPage(page);
  await join.open(url);
  await join.join(code);
  return page;
}

describe('end-to-end encryption keys', () => {
  it('SYNC-18b, SYNC-19a: A sets up and sees the code once; B unlocks with the passphrase; C receives the key by link with matching fingerprints', async () => {
    const url = inject('appUrl');
    const a = new EncryptionSection(phone.write.page);
    await a.open(url);
    await a.passphraseBox('Passphrase').fill('too short');
    await a.passphraseBox('Confirm passphrase').fill('too short');
    await a.button('Set up encryption').click();
    await expect
      .poll(() => a.passphraseBox('Passphrase').getAttribute('aria-invalid'))
      .toBe('true');
    expect(await a.recoveryCode.count()).toBe(0);
    const recoveryCode = await a.setUp(PASSPHRASE);
    expect(recoveryCode).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    expect(await seriousAxeViolations(a.page)).toEqual([]);
    // Shown once: after a reload the device holds the key and the code is nowhere.
    await a.open(url);
    await a.holdsKey.waitFor();
    expect(await a.recoveryCode.count()).toBe(0);
    expect(await a.page.content()).not.toContain(recoveryCode);

    // B: joins with a pairing code, then unlocks with the passphrase (a wrong one first).
    const b = new EncryptionSection(await joinLibraryOf(new DevicesSection(a.page), url));
    await b.open(url);
    await b.region.getByRole('heading', { name: 'Unlock this library' }).waitFor();
    await b.unlock('not the passphrase at all');
    await expect
      .poll(() => b.problem.textContent(), { timeout: 30_000 })
      .toContain('does not open');
    expect(await b.holdsKey.count()).toBe(0);
    await b.unlock(PASSPHRASE);
    await b.holdsKey.waitFor({ timeout: 30_000 });

    // C: joins, asks for the key; A opens C's link, compares, sends; C is done.
    const c = new EncryptionSection(await joinLibraryOf(new DevicesSection(a.page), url));
    await c.open(url);
    const request = await c.startReceiving();
    await c.qrCode.waitFor();
    expect(new URL(request.link).pathname).toBe('/keys/send');
    expect(await seriousAxeViolations(c.page)).toEqual([]);

    const send = new SendKeyPage(a.page);
    expect(await send.open(request.link)).toBe(request.fingerprint);
    expect(await seriousAxeViolations(a.page)).toEqual([]);
    await send.send(PASSPHRASE);
    await send.sent.waitFor({ timeout: 30_000 });
    await c.page.getByText('Done: the key arrived.').waitFor({ timeout: 30_000 });
    await c.holdsKey.waitFor();
    // The key stays after a reload: it lives in IndexedDB, non-extractable.
    await c.open(url);
    await c.holdsKey.waitFor();
    await Promise.all([b.page.context().close(), c.page.context().close()]);
  }, 240_000);

  it('SYNC-18b: the recovery code restores the key under a new passphrase, in Chinese too', async () => {
    const url = inject('appUrl');
    const a = new EncryptionSection(phone.write.page);
    await a.open(url);
    const recoveryCode = await a.setUp(PASSPHRASE);
    const page = await joinLibraryOf(new DevicesSection(a.page), url);
    await page.goto(`${url}/settings?lang=zh`);
    await page.getByRole('region', { name: '端到端加密' }).getByText('解锁这个图书馆').waitFor({
      timeout: 20_000,
    });
    const b = new EncryptionSection(page);
    await b.open(url);
    await b.region.getByRole('heading', { name: 'Unlock this library' }).waitFor();
    await b.recover(
      recoveryCode.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')),
      'a new passphrase',
    );
    await expect.poll(() => b.problem.textContent(), { timeout: 30_000 }).toContain('not valid');
    // What was typed stays for a second try.
    expect(await b.passphraseBox('New passphrase').inputValue()).toBe('a new passphrase');
    await b.region.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCode.toLowerCase());
    await b.button('Restore the key').click();
    await b.holdsKey.waitFor({ timeout: 30_000 });
    await page.context().close();
  }, 120_000);
});
