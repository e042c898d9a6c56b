// Choosing the sentences to quote (src/answer/quote.ts), on a turn written for this test.
import { describe, expect, it } from "vitest";
import { selectQuote } from "../src/answer/quote.js";
import { terms } from "../src/text/terms.js";

describe("selectQuote", () => {
  // The official names the subject, hedges for two sentences, then answers.
  const TURN =
    "We are releasing the oil over several months. " +
    "The Energy Information Agency has said, for example, what it has projected for December. " +
    "Now, again, it is probably more of an art than a science. " +
    "Projecting is subject to a lot of different volatility. " +
    "But in December the gasoline price will be $3.19 a gallon. " +
    "So this is a bridge, and we will keep working with industry.";
  const question = new Set(terms("What gasoline price is the Energy Information Agency projecting for December?"));
  const weightOf = (term: string) => (question.has(term) ? 1 : 0);

  it("reaches the answer that follows the subject after a hedge", () => {
    const quote = selectQuote(TURN, { start: 0, end: TURN.length }, weightOf);
    expect(quote.text).toMatch(/^The Energy Information Agency has said/);
    expect(quote.text).toContain("$3.19 a gallon.");
    expect(quote.text).not.toContain("bridge");
    expect(TURN.slice(quote.start, quote.end)).toBe(quote.text);
  });

  it("stays short when nothing further answers", () => {
    const agency = new Set(terms("Energy Information Agency"));
    const quote = selectQuote(TURN, { start: 0, end: TURN.length }, (term) => (agency.has(term) ? 1 : 0));
    expect(quote.text).toBe("The Energy Information Agency has said, for example, what it has projected for December.");
  });
});
