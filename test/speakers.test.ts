import { describe, expect, it } from "vitest";
import { namedSpeakers, speakerIndex, withoutNames, type SpeakerIndex } from "../src/retrieval/speakers.js";
import type { Passage } from "../src/types.js";

const passage = (speaker: string, name: string, role: string | null): Passage => ({
  id: `t#0.0`, transcript: "t", turn: 0, part: 0, label: speaker, speaker, name, role, text: "", start: 0, end: 0, inResponseTo: null, isQuestion: false,
});

const mentionedSpeakers = (question: string, index: SpeakerIndex) => namedSpeakers(question, index).all;

describe("speakers a question names", () => {
  const index = speakerIndex([
    passage("Hon. Navdeep Bains", "Navdeep Bains", null),
    passage("Hon. Deb Schulte", "Deb Schulte", "Minister of Seniors"),
    passage("Tracey Breheny", "Tracey Breheny", null),
  ]);

  it("finds a speaker by surname, full name or role, and no one by a passing word", () => {
    expect([...mentionedSpeakers("What did Bains say about loans?", index)]).toEqual([0]);
    expect([...mentionedSpeakers("What did Navdeep Bains and the Minister of Seniors say?", index)].sort()).toEqual([0, 1]);
    expect([...mentionedSpeakers("What help is there for seniors?", index)]).toEqual([]);
  });

  it("asks about the first named, and those joined to them by \"and\"; others only say which exchange", () => {
    const asked = (question: string) => [...namedSpeakers(question, index).asked].sort();
    expect(asked("What did Tracey Breheny reply to Bains about loans?")).toEqual([2]);
    expect([...mentionedSpeakers("What did Tracey Breheny reply to Bains about loans?", index)].sort()).toEqual([0, 2]);
    expect(asked("What did Bains and the Minister of Seniors say?")).toEqual([0, 1]);
    expect(asked("Did the Minister of Seniors agree with Navdeep Bains?")).toEqual([1]);
    expect(asked("What was said about loans?")).toEqual([]);
  });

  it("finds a speaker named in the possessive", () => {
    expect([...mentionedSpeakers("What was Bains's view on loans?", index)]).toEqual([0]);
    expect([...mentionedSpeakers("What was Deb Schulte’s concern?", index)]).toEqual([1]);
    const q = "What was Bains's view on loans?";
    expect(withoutNames(q, index, mentionedSpeakers(q, index))).toBe("what was view on loans");
  });

  it("drops the words that name a mentioned speaker and keeps the topic", () => {
    const q = "What did Bains say about business loans?";
    expect(withoutNames(q, index, mentionedSpeakers(q, index))).toBe("what did say about business loans");
  });

  it("keeps a topic word that a role happens to share", () => {
    const q = "What did the Minister of Seniors say about assistance for seniors?";
    expect(withoutNames(q, index, mentionedSpeakers(q, index))).toBe("what did the say about assistance for seniors");
  });
});
