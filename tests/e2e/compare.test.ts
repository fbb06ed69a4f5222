import { describe, expect, inject, it } from 'vitest';
import { ComparePage } from './support/compare-page.ts';
import { seriousAxeViolations } from './support/diary-pages.ts';
import { usePhone } from './support/phone.ts';

// bypassCSP: axe-core is injected as a script, which the app's policy rightly refuses.
const phone = usePhone({ bypassCSP: true });

describe('comparing models', () => {
  it('sends the latest memory to two models, shows both, and keeps the one picked', async () => {
    await phone.write.open(inject('appUrl'));
    const text = 'Rain on the window all afternoon; I read by the lamp and felt calm.';
    await phone.write.write(text);
    // Let the librarian finish first, so its own reply does not land after the choice.
    await expect
      .poll(() => phone.write.memory(text).first().textContent(), { timeout: 15_000 })
      .not.toMatch(/Waiting for the librarian|The device's guess/);

    const compare = new ComparePage(phone.write.page);
    await compare.openFromNav();
    await expect.poll(() => compare.models.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    // The latest memory and two models (the default first) are chosen to begin with.
    await expect
      .poll(async () => (await compare.memorySelect.locator('option:checked').textContent()) ?? '')
      .toContain('Rain on the window');
    const checked = await compare.models.evaluateAll(
      (boxes) => boxes.filter((box) => (box as HTMLInputElement).checked).length,
    );
    expect(checked).toBe(2);

    const requests: string[] = [];
    phone.write.page.on('request', (request) => {
      if (request.url().includes('/api/v1/librarian/compare'))
        requests.push(request.postData() ?? '');
    });
    await compare.sendButton.click();
    await expect.poll(() => compare.replies.count(), { timeout: 20_000 }).toBe(2);
    expect(JSON.parse(requests[0] ?? '{}').models).toHaveLength(2);

    const [first, second] = [compare.replies.nth(0), compare.replies.nth(1)];
    for (const reply of [first, second]) {
      const content = (await reply.textContent()) ?? '';
      expect(content).toMatch(/Tokens\s*\d+/);
      expect(content).toContain('Cost');
      expect(content).toMatch(/Time\s*[\d.]+ s/);
      expect(content).toMatch(/Read from cache\s*\d+%/);
    }
    expect(await seriousAxeViolations(phone.write.page)).toEqual([]);
    // Stacked on a phone.
    const [boxA, boxB] = [await first.boundingBox(), await second.boundingBox()];
    expect(boxB!.y).toBeGreaterThan(boxA!.y + boxA!.height - 1);

    const secondModel = (await second.getByRole('heading').textContent())?.trim() ?? '';
    await second.getByRole('button', { name: 'Keep this one' }).click();
    await second.getByText(/^Kept:/).waitFor();

    // The choice is recorded: the page says so when the memory is compared again.
    await phone.write.page.reload();
    await phone.write.page
      .getByText(`Last time you kept the reply of ${secondModel}.`)
      .waitFor({ timeout: 15_000 });
  });
});
