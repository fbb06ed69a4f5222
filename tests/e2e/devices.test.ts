import { describe, expect, inject, it } from 'vitest';

import { DevicesSection, JoinPage } from './support/devices-pages.ts';
import { seriousAxeViolations } from './support/diary-pages.ts';
import { usePhones } from './support/phone.ts';

const phones = usePhones();

async function newPhone() {
  // bypassCSP: axe-core is injected as a script, which the app's policy rightly refuses.
  return (await phones.newPhone({ bypassCSP: true })).page;
}

describe('devices of one library', () => {
  it('pairs a second device, lists both, and revokes it at once', async () => {
    const url = inject('appUrl');
    const a = new DevicesSection(await newPhone());
    await a.open(url);
    await expect.poll(() => a.devices.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => a.devices.first().textContent()).toContain('This device');

    const code = await a.pair();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect.poll(() => a.section.textContent()).toMatch(/works once, until/i);
    expect(await seriousAxeViolations(a.page)).toEqual([]);

    // B: a second phone joins with the code from the "Join a library" screen.
    const bPage = await newPhone();
    const join = new JoinPage(bPage);
    await join.open(url);
    await expect
      .poll(() => bPage.getByText(/stay on this device until sync arrives/).count())
      .toBe(1);
    expect(await seriousAxeViolations(bPage)).toEqual([]);
    await join.join(code);

    const b = new DevicesSection(bPage);
    await b.open(url);
    await expect.poll(() => b.devices.count(), { timeout: 15_000 }).toBe(2);
    // A sees B appear (it refreshes while its code is shown; a reload shows it too).
    await a.page.reload();
    await expect.poll(() => a.devices.count(), { timeout: 15_000 }).toBe(2);

    // A code works once.
    const third = new JoinPage(await newPhone());
    await third.open(url);
    await third.codeBox.fill(code);
    await third.joinButton.click();
    await third.page.getByText(/not valid or has expired/).waitFor();

    // A revokes B; B's next request is refused and B says so.
    await a.revokeOther();
    await expect.poll(() => a.devices.count()).toBe(1);
    await b.page.reload();
    await b.signedOut.waitFor({ timeout: 15_000 });
    await expect.poll(() => b.devices.count()).toBe(0);
    expect(await b.page.getByRole('link', { name: 'Join a library' }).count()).toBeGreaterThan(0);
  });

  it('moves every open page of a phone to the library one of them joined, without a reload', async () => {
    const url = inject('appUrl');
    const a = new DevicesSection(await newPhone());
    await a.open(url);
    await expect.poll(() => a.devices.count(), { timeout: 15_000 }).toBe(1);
    const code = await a.pair();

    // B's first page starts a library of its own; a second page of the same browser then joins A's.
    const b = new DevicesSection(await newPhone());
    await b.open(url);
    await expect.poll(() => b.devices.count(), { timeout: 15_000 }).toBe(1);
    const join = new JoinPage(await b.page.context().newPage());
    await join.open(url);
    await join.join(code);

    // The first page follows: it lists A's library now, both devices, and is still this device.
    await expect.poll(() => b.devices.count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(() => b.devices.allTextContents())
      .toContainEqual(expect.stringContaining('This device'));
    await a.page.reload();
    await expect.poll(() => a.devices.count(), { timeout: 15_000 }).toBe(2);
  });
});
