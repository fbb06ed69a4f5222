import { describe, expect, inject, it } from 'vitest';

import { DevicesSection, JoinPage } from './support/devices-pages.ts';
import { MemoryPage, TimelinePage } from './support/diary-pages.ts';
import { EncryptionSection } from './support/keys-page.ts';
import { usePhones } from './support/phone.ts';
import { SyncSection, VersionsRegion } from './support/sync-pages.ts';
import { WritePage } from './support/write-page.ts';

const phones = usePhones();

const PASSPHRASE = 'river stones and grey mornings';
const SLOW = { timeout: 30_000, interval: 250 };

describe('two devices of one library', () => {
  it('SYNC-10…14: write offline, edit the same memory on both, reconnect: both converge and show the conflict', async () => {
    const url = inject('appUrl');
    const a = await phones.newPhone();
    const b = await phones.newPhone();

    // A registers on its own; B joins A's library with a pairing code.
    const devicesA = new DevicesSection(a.page);
    await devicesA.open(url);
    await expect.poll(() => devicesA.devices.count(), SLOW).toBe(1);
    const code = await devicesA.pair();
    const join = new JoinPage(b.page);
    await join.open(url);
    await join.join(code);

    // Until encryption is set up nothing is pushed: the memory is saved here, and Settings says why.
    const writeA = new WritePage(a.page);
    await writeA.open(url);
    await writeA.waitForServiceWorker();
    const shared = 'Morning by the river\nThe water was grey\nWe talked about nothing';
    await writeA.write(shared);
    await expect.poll(() => writeA.syncStatus.textContent(), SLOW).toContain('Saved');
    const waitingA = new SyncSection(a.page);
    await waitingA.open(url);
    await expect.poll(() => waitingA.section.textContent(), SLOW).toContain('Waiting to sync: 1');
    await expect.poll(() => waitingA.section.textContent()).toContain('encryption not set up');

    // A sets up encryption in Settings; the waiting memory goes at once.
    const keysA = new EncryptionSection(a.page);
    await keysA.open(url);
    await keysA.setUp(PASSPHRASE);
    const syncA = new SyncSection(a.page);
    await expect.poll(() => syncA.section.textContent(), SLOW).toContain('Last synced');
    await writeA.open(url);
    await expect.poll(() => writeA.syncStatus.textContent(), SLOW).toContain('Synced');

    // B: Settings' Sync section says why nothing syncs; B unlocks with the same passphrase.
    const keysB = new EncryptionSection(b.page);
    await keysB.open(url);
    const syncB = new SyncSection(b.page);
    await expect.poll(() => syncB.section.textContent(), SLOW).toContain('encryption not set up');
    await keysB.unlock(PASSPHRASE);
    await keysB.holdsKey.waitFor({ timeout: 30_000 });
    await expect.poll(() => syncB.section.textContent(), SLOW).toContain('Last synced');
    const writeB = new WritePage(b.page);
    await writeB.open(url);
    await writeB.waitForServiceWorker();
    await expect.poll(() => writeB.memory('Morning by the river').count(), SLOW).toBe(1);

    // A goes offline: a new memory and an edit wait on A.
    await a.context.setOffline(true);
    await expect.poll(() => writeA.syncStatus.textContent()).toContain('Offline');
    const offline = 'Written on the train with no signal';
    await writeA.write(offline);
    const timelineA = new TimelinePage(a.page);
    await timelineA.open(url);
    const memoryA = await timelineA.openMemory('Morning by the river');
    await memoryA.edit('Morning by the river\nThe water was silver\nWe talked about nothing');

    // B changes the same line while A is away.
    const timelineB = new TimelinePage(b.page);
    await timelineB.open(url);
    const memoryB = await timelineB.openMemory('Morning by the river');
    await memoryB.edit('Morning by the river\nThe water was green\nWe talked about nothing');
    await expect.poll(() => writeB.syncStatus.textContent(), SLOW).toContain('Synced');

    // A comes back: everything arrives everywhere, and both show both versions.
    await a.context.setOffline(false);
    const versionsA = new VersionsRegion(a.page);
    await expect.poll(() => versionsA.keepButtons.count(), SLOW).toBe(2);
    await expect.poll(() => versionsA.region.textContent()).toContain('The water was silver');
    await expect.poll(() => versionsA.region.textContent()).toContain('The water was green');

    await b.page.reload();
    const versionsB = new VersionsRegion(b.page);
    await expect.poll(() => versionsB.keepButtons.count(), SLOW).toBe(2);
    await timelineB.open(url);
    await expect.poll(() => timelineB.memory(offline).count(), SLOW).toBe(1);
    await expect
      .poll(() => timelineB.memory('Morning by the river').first().textContent())
      .toContain('conflict');

    // B keeps one version: the conflict closes on both devices with that text.
    const reopened = await timelineB.openMemory('Morning by the river');
    const kept = versionsB.versions.filter({ hasText: 'The water was green' });
    await kept.getByRole('button', { name: 'Keep this version' }).click();
    await expect.poll(() => versionsB.region.count(), SLOW).toBe(0);
    await expect.poll(() => reopened.text.textContent()).toContain('The water was green');
    // B's choice reaches the server before A looks: A syncs once as it starts, and a pull made
    // before B's push would show the conflict until A's next sync.
    await expect.poll(() => writeB.syncStatus.textContent(), SLOW).toContain('Synced');

    await a.page.reload();
    const pageA = new MemoryPage(a.page);
    await pageA.text.waitFor();
    await expect.poll(() => versionsA.region.count(), SLOW).toBe(0);
    await expect.poll(() => pageA.text.textContent(), SLOW).toContain('The water was green');
    await expect
      .poll(() => new WritePage(a.page).syncStatus.textContent(), SLOW)
      .toContain('Synced');
  }, 240_000);
});
