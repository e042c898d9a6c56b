import { describe, expect, it } from "vitest";
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
