// Runs in Chromium: the on-device librarian's work for one new memory — related-memory retrieval
// over a library of N memories, then the device card — against a baseline linear scan that
// counts shared words with every memory (what "finding related memories" costs without an index).
import { buildDeviceCard } from '../../shared/device-librarian/device-card.ts';
import { createMemoryIndex } from '../../shared/device-librarian/memory-index.ts';
import { findRelated, relatedQueryTerms } from '../../shared/device-librarian/related.ts';
import { detectLanguage } from '../../shared/detect-language.ts';
import { generateMemories } from '../generate-memories.ts';

interface Samples {
  size: number;
  shelving: number[];
  scan: number[];
}

async function run(options: { sizes: number[]; samples: number }): Promise<Samples[]> {
  const results: Samples[] = [];
  for (const size of options.sizes) {
    const library = generateMemories(size, 11).map((memory, index) => ({
      id: `m${index}`,
      text: memory.text,
      at: Date.parse(memory.writtenAt),
    }));
    const index = createMemoryIndex(library);
    const newcomers = generateMemories(options.samples, 99);
    const sample: Samples = { size, shelving: [], scan: [] };
    for (const memory of newcomers) {
      let start = performance.now();
      const related = await findRelated(memory.text, index, { limit: 5 });
      buildDeviceCard({
        text: memory.text,
        lang: detectLanguage(memory.text),
        related,
        neighbours: [],
      });
      sample.shelving.push(performance.now() - start);

      start = performance.now();
      const terms = relatedQueryTerms(memory.text);
      library
        .map((other) => ({
          id: other.id,
          shared: terms.filter((term) => other.text.toLowerCase().includes(term)).length,
        }))
        .sort((a, b) => b.shared - a.shared)
        .slice(0, 5);
      sample.scan.push(performance.now() - start);
    }
    results.push(sample);
  }
  return results;
}

(window as unknown as { runDeviceShelving: typeof run }).runDeviceShelving = run;
