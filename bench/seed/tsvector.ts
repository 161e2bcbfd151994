// Search vectors for the seed (`ticket_search`), built here instead of by to_tsvector in Postgres: the text
// comes from a fixed vocabulary, so each word's lexeme is asked of Postgres once (the same `english`
// configuration the app uses) and every vector is then a lookup. This halves the seed's stemming.
import type { Client } from 'pg';

const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;

export class Lexemes {
  private constructor(private readonly byRank: Array<string | null>) {}

  static of(byRank: Array<string | null>): Lexemes {
    return new Lexemes(byRank);
  }

  /** One lexeme (or null) per vocabulary rank: what `of` takes, e.g. in a worker thread. */
  list(): Array<string | null> {
    return this.byRank;
  }

  /** The lexeme of each word of the vocabulary under Postgres' `english` configuration (null: stop word). */
  static async load(client: Client, words: string[]): Promise<Lexemes> {
    const { rows } = await client.query<{ lexeme: string | null }>(
      `SELECT (tsvector_to_array(to_tsvector('english', word)))[1] AS lexeme
         FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n) ORDER BY n`,
      [words],
    );
    return new Lexemes(rows.map((r) => r.lexeme));
  }

  /**
   * What `setweight(to_tsvector('english', texts joined), 'C')` gives, as a tsvector literal,
   * from the vocabulary ranks of the texts' words.
   */
  vector(texts: number[][]): string {
    return this.weighted(texts.length ? [[texts.flat(), 'C']] : []);
  }

  /**
   * What `setweight(to_tsvector('english', a), 'A') || setweight(to_tsvector('english', b), 'B')`
   * gives for parts [[a's ranks, 'A'], [b's ranks, 'B']]: `||` shifts each part's positions by the
   * last position the parts before it hold.
   */
  weighted(parts: Array<[number[], 'A' | 'B' | 'C']>): string {
    const positions = new Map<string, string[]>();
    let offset = 0;
    for (const [ranks, weight] of parts) {
      let position = 0;
      let last = 0;
      for (const rank of ranks) {
        position = Math.min(MAX_POSITION, position + 1);
        const lexeme = this.byRank[rank];
        if (lexeme === null) continue;
        last = position;
        const list = positions.get(lexeme);
        const entry = `${Math.min(MAX_POSITION, offset + position)}${weight}`;
        if (!list) positions.set(lexeme, [entry]);
        else if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(entry);
      }
      offset += last;
    }
    let out = '';
    for (const [lexeme, list] of positions) out += `${out ? ' ' : ''}'${lexeme}':${list.join(',')}`;
    return out;
  }
}
