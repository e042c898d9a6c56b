// Is a question about the briefing itself (who spoke, who is X, when and where, what it was about, what was asked,
// what X said) or about what was said in it? Plain English patterns on the question's shape, never on one
// question's wording. "What did X say about Y?" stays a content question: its topic decides the answer.
import { fold, peopleMentioned, resolvePeople, type PersonRef } from "./person-match.js";

export type { PersonRef } from "./person-match.js";

/** Which briefing a question picks by its dates when it names none: "the latest briefing", "the first briefing". */
export type BriefingPick = "latest" | "earliest" | null;

interface IntentBase {
  pick: BriefingPick;
}

export type BriefingIntent = IntentBase &
  (
    | {
        kind: "speakers";
        /** People the question names as already known ("Who joined Psaki?"): the answer is the others. */
        besides: string[];
        /** "Which ministry held it?": the body behind the briefing, as its source names it, is part of the answer. */
        host: boolean;
      }
    | { kind: "person"; people: string[] }
    | { kind: "when-where"; when: boolean; where: boolean }
    | { kind: "topic" }
    | { kind: "opening" }
    | {
        kind: "questions";
        /** Topic words the questions must be about, as asked; null for every question. */
        about: string | null;
        /** "What was asked first?", "Who got the last question?": only that one question. */
        first: boolean;
        last: boolean;
        /** "Who asked …": the answer names the askers. */
        askers: boolean;
        /** "What did Sian Gwenllian ask?": only this person's questions. */
        by: string[];
      }
    | { kind: "said"; people: string[] }
    | { kind: "list" }
  );

// What a briefing is called in a question.
const EVENT = String.raw`(?:briefings?|press briefings?|press conferences?|news conferences?|conferences?|pressers?|press calls?|calls?|gaggles?|hearings?|sessions?|meetings?|events?|announcements?)`;
const EVENT_OR_IT = String.raw`(?:${EVENT}|it|this|that)`;
const DET = String.raw`(?:the |this |that |today's |their |his |her |its )?`;
const FEW = String.raw`(?:[\p{L}\p{N}'-]+ ){0,4}?`;
const re = (source: string) => new RegExp(source, "u");

/** A trailing "at the briefing", "in this press conference", "today": where, not what. */
const WHERE_ASKED = re(String.raw`(?:,? (?:at|in|on|during|from|of|for) (?:the |this |that |today's |[\p{L}'-]+'s )?${FEW}${EVENT}\b.*|,? (?:today|yesterday|then|there))$`);

function withoutWhereAsked(text: string): string {
  let rest = text;
  for (let previous = ""; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(WHERE_ASKED, "").trim();
  }
  return rest;
}

/** Question text for matching: folded, one space, no trailing punctuation. */
function normalise(question: string): string {
  return fold(question)
    .replace(/[“”"]/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s?.!]+$/, "")
    // What is left when a leading phrase named the briefing: ", who got the first question".
    .replace(/^[\s,;:]+/, "")
    .trim();
}

// "the last press call", not "asked last at the press call".
const NOT_PREPOSITION = String.raw`(?!(?:at|in|on|during|from|of|for|to)\b)`;
const PICK_LATEST = re(String.raw`\b(?:latest|most recent|last|newest|recent|previous)\s+${NOT_PREPOSITION}${FEW}${EVENT}\b`);
const PICK_EARLIEST = re(String.raw`\b(?:earliest|first|oldest)\s+${NOT_PREPOSITION}${FEW}${EVENT}\b`);

function pickOf(q: string): BriefingPick {
  // "The first question", "the last thing" pick a question, not a briefing.
  const briefingWords = q.replace(/\b(?:first|opening|last|final|closing) (?:questions?|things?)\b/g, "");
  if (PICK_LATEST.test(briefingWords)) return "latest";
  if (PICK_EARLIEST.test(briefingWords)) return "earliest";
  return null;
}

const LIST = [
  re(String.raw`^(?:what|which) ${EVENT} (?:are there|are available|do you (?:have|know)|can i ask about|are in the index)`),
  re(String.raw`^(?:list|show)(?: me)? (?:the |all |all the )?${EVENT}$`),
  re(String.raw`^(?:what|which) (?:is|was) the (?:latest|most recent|last|newest|earliest|first|oldest) ${EVENT}$`),
  re(String.raw`^how many ${EVENT}(?: (?:are there|do you (?:have|know)|are (?:in the index|available|indexed)|have been indexed|can i ask about))?$`),
];

const SPEAKERS = [
  re(String.raw`\bwho (?:all )?(?:spoke|speaks|talked|was speaking|were speaking|presented|briefed|took part|participated|attended|took questions|fielded questions|joined|accompanied)\b`),
  re(String.raw`\bwho (?:gave|held|hosted|led|ran|answered|appeared|was at|were at|was there|were there)\b.*\b(?:${EVENT}|questions)\b`),
  re(String.raw`\bwho (?:was|were|is|are) (?:the |on the |at the )?(?:main |special |other )?(?:speakers?|officials?|panel|panelists?|presenters?|briefers?|participants?|spokes(?:person|man|woman|people)|guests?|people on the panel|on stage|present|with)\b`),
  re(String.raw`\b(?:which|what) (?:[\p{L}-]+ ){0,2}(?:officials?|speakers?|people|guests?|cabinet members?|ministers?|panelists?|presenters?|briefers?) (?:spoke|presented|briefed|joined|were|was|took part|attended|answered|appeared|took questions|gave|held|hosted)\b`),
  re(String.raw`\b(?:list|name) (?:the |all |all the )?(?:speakers|officials|panel|panelists|guests)\b`),
];

// The body behind it: "Which ministry held this press conference?", "What agency hosted the call?"
const HOST = re(
  String.raw`\b(?:which|what) (?:[\p{L}-]+ ){0,2}(?:ministry|ministries|department|agency|office|organi[sz]ation|government|body|institution|authority|administration|committee) (?:(?:was|were|is|are) )?(?:held|hosted|hosting|holding|gave|giving|ran|running|organi[sz]ed|organi[sz]ing|called|convened|convening|led|leading)\b.*\b${EVENT_OR_IT}\b`,
);

const TALKED_ABOUT = re(String.raw`\bwho (?:all )?(?:spoke|speaks|talked|was speaking|were speaking|answered|commented|took questions|fielded questions)\b.*\b(?:about|regarding|concerning)\b`);

const WHEN = [
  // "When was the press conference with Merkel?": who it was with names it, it is not what is asked.
  re(String.raw`\bwhen (?:was|is|were|did|does|will) ${DET}${FEW}${EVENT_OR_IT}\b(?: (?:with|between) ${FEW}[\p{L}\p{N}'-]+)?(?: (?:held|take place|took place|happen|start|begin|end|scheduled|recorded))?$`),
  re(String.raw`\b(?:on |at )?(?:what|which) (?:date|day|time)\b.*\b(?:${EVENT}|held|take place|took place|happen|start|begin)\b`),
  re(String.raw`\bwhat (?:was|is) the (?:date|time) (?:of|for) `),
  re(String.raw`\b(?:when and where|where and when) (?:was|is|were|did|does|will) ${DET}${FEW}${EVENT_OR_IT}\b(?: (?:held|take place|took place|happen))?$`),
];

const WHERE = [
  re(String.raw`\bwhere (?:was|is|were|did|does|will)\b.*\b(?:${EVENT}|held|hold|take place|took place|happen)\b`),
  re(String.raw`\b(?:in |at )?(?:what|which) (?:city|place|location|country|venue|room|building)\b.*\b(?:${EVENT}|held|hold|take place|took place|hosted)\b`),
  re(String.raw`\b(?:when and where|where and when) (?:was|is|were|did|does|will) ${DET}${FEW}${EVENT_OR_IT}\b(?: (?:held|take place|took place|happen))?$`),
];

const TOPIC = [
  re(String.raw`\bwhat (?:was|is|were|are) ${DET}${FEW}${EVENT_OR_IT} (?:all |mainly |mostly )?about$`),
  re(String.raw`\bwhat (?:was|were|is|are|has been|have been) (?:the )?(?:main |key |big |chief |central )?(?:topics?|subjects?|themes?|purpose|focus|agenda|point|reason)\b(?: (?:of|for|behind) ${DET}${FEW}${EVENT_OR_IT})?$`),
  re(String.raw`\bwhat (?:was|were|is|are|has been|have been) (?:announced|discussed|covered|talked about|presented|unveiled)$`),
  re(String.raw`\bwhat (?:did|do|does) (?:they|the officials|the speakers|the panel|the government|the ministry|the department|the administration|the white house|the agency|[\p{L}-]+) (?:announce|unveil|present|discuss|cover)$`),
  re(String.raw`\bwhat happened (?:at|in|during|on) ${DET}${FEW}${EVENT_OR_IT}$`),
  re(String.raw`^(?:please )?(?:summari[sz]e|recap|give (?:me )?(?:a |an )?(?:summary|overview|rundown|recap)(?: of)?|overview of|tell me about) ${DET}${FEW}${EVENT_OR_IT}$`),
  // With the briefing's name cut out ("Give me an overview of the Harris-Lee press conference" → "Give me an overview").
  re(String.raw`^(?:please )?(?:summari[sz]e|recap|give (?:me )?(?:a |an )?(?:summary|overview|rundown|recap))(?: please)?$`),
  re(String.raw`^what (?:main |key )?(?:topics?|subjects?|issues?|themes?) (?:came up|come up|were (?:discussed|covered|addressed|talked about)|did (?:they|the officials|the speakers) (?:discuss|cover|address|talk about))$`),
];

const OPENING = [
  re(String.raw`\bhow did (?:.+? )?(?:open|start|begin|kick off) (?:${DET}${FEW}${EVENT_OR_IT}|things|proceedings)\b`),
  re(String.raw`\bwhat did (?:.+? )?(?:open|start|begin|kick off) with\b`),
  re(String.raw`\bopening (?:statement|remarks|words|comments)\b`),
  re(String.raw`\bwhat did (?:.+? )?say (?:at|in) the (?:top|start|beginning|outset)\b`),
];

const ASKERS = String.raw`(?:the )?(?:reporters?|journalists?|press|media|correspondents?|members?|audience|they|people|the room)`;
const QUESTIONS = [
  re(String.raw`^what (?:did|do|does|were|was|have|has) ${ASKERS} (?:ask|asked|want to know)\b(?<rest>.*)$`),
  re(String.raw`^what (?:were|are|was|is) the (?:(?<first>first|opening) |(?<last>last|final|closing) )?questions?\b(?: (?:asked|put|raised))?(?<rest>.*)$`),
  re(String.raw`^(?:what|which) questions? (?:(?:were|was|did|do|have been) )?(?:asked|put|raised|come up|came up|${ASKERS} ask)\b(?<rest>.*)$`),
  re(String.raw`^what (?:was|were|got|has been) asked\b(?<rest>.*)$`),
  re(String.raw`^how many questions\b(?<rest>.*)$`),
];
// Who asks, after any lead-in clause ("At the G7 presser, who got the first question?").
const ASKER = String.raw`^(?:[^,]+, )?(?:who|(?:which|what) (?:[\p{L}-]+ )?(?:reporters?|journalists?|outlets?|members?|news (?:agency|outlet)))`;
const WHO_ASKED = [
  re(String.raw`${ASKER} (?:asked|raised|brought up|questioned|got to ask|(?:had|put|got) (?:a|the) question)\b(?<rest>.*)$`),
  // "Who got the first question?", "Who was called on first?", "Which reporter kicked off the questions?"
  re(String.raw`${ASKER} (?:got|had|took|was given|were given) the (?:[\p{L}.'-]+ ){0,3}?(?:(?<first>first|opening)|(?<last>last|final|closing)) questions?\b(?<rest>.*)$`),
  re(String.raw`${ASKER} (?:was|were|got) (?:called on|picked|recognized|recognised) (?:(?<first>first)|(?<last>last))\b(?<rest>.*)$`),
  re(String.raw`${ASKER} (?<first>kicked off|started|opened|led off) (?:the )?(?:questions?|questioning|q&a)\b(?<rest>.*)$`),
];
const WHO_ANSWERED_ABOUT = re(String.raw`^who (?:answered|responded to|took) (?:the |a )?questions? (?:about|on)\b(?<rest>.*)$`);
const ASKED_BY = re(String.raw`^what (?:did|has) (?<who>.+?) (?:ask|asked)(?: about (?<about>.+))?$`);

const SAID = [
  re(String.raw`^(?:so )?what (?:did|does|has|have|had) (?<who>.+?) (?:say|said|tell (?:reporters|the press|journalists|us)|talk about|speak about|discuss|cover|mention)$`),
  re(String.raw`^what (?:were|are) (?<who>.+?)(?:'s|s') (?:main )?(?:points|answers|remarks|comments|statements|messages)$`),
  re(String.raw`^(?:summari[sz]e|recap) what (?<who>.+?) (?:said|say)$`),
];

const PERSON = [
  re(String.raw`^(?:and )?who(?:'s| is| was| are| were) (?<who>.+)$`),
  re(String.raw`\bwhat(?:'s| is| was| are| were) (?<who>.+?)(?:'s|s') (?:role|job|title|position|portfolio|function|responsibilit(?:y|ies)|office|post|background)\b`),
  re(String.raw`\bwhat (?:role|job|title|position|post|office) (?:does|did|do) (?<who>.+?) (?:have|hold)\b`),
  re(String.raw`\b(?:which|what) (?:department|ministry|office|bureau|agency|division|organi[sz]ation|body|unit) (?:does|did|do) (?<who>.+?) (?:lead|head|run|direct|manage|work (?:for|in|at)|belong to|represent)\b`),
  re(String.raw`\bwhat (?:is|was) the (?:role|job|title|position|post) of (?<who>.+?)$`),
  re(String.raw`^what (?:does|did) (?<who>.+?) do$`),
  re(String.raw`^tell me about (?<who>.+)$`),
];

/** "about the debt limit first" → { about: "the debt limit", first: true }. */
function questionsTail(rest: string): { about: string | null; first: boolean; last: boolean } {
  const FIRST = /\b(?:first|opening|initially|to begin with)\b(?!-)/g;
  // Only at the end ("What did reporters ask last?"): "about last year's budget" or "about closing the border" is a topic.
  const LAST = /\s*\b(?:last|finally|at the end)$/;
  const first = new RegExp(FIRST.source).test(rest);
  const bare = withoutWhereAsked(rest.replace(FIRST, " ").replace(/\s+/g, " ").trim());
  const last = !first && LAST.test(bare);
  const cleaned = withoutWhereAsked(bare.replace(LAST, ""));
  const about = /\b(?:about|regarding|concerning)\s+(.+)$/.exec(cleaned)?.[1]?.trim() ?? null;
  // "ask Psaki about first on the flight": what is left after "about" says where, not what.
  const where = !about || about === "it" || /^(?:on|at|in|during|aboard|from|en route)\b/.test(about);
  return { about: where ? null : about, first, last };
}

/** Names of the people found, each once (one person takes part in many briefings). */
const named = (people: readonly PersonRef[]) => [...new Set(people.map((p) => p.name))];

/** The people a question may name, or a function that gives them: only questions that name someone need them. */
export type PeopleSource = readonly PersonRef[] | (() => readonly PersonRef[]);

/**
 * The briefing intent of a question, or null for a content question. `people` are those the briefings name
 * (speakers and announcement roster, see peopleOf): "Who is X?" and "What did X say?" are briefing questions only
 * when X is one of them.
 */
export function briefingIntent(question: string, people: PeopleSource): BriefingIntent | null {
  let known: readonly PersonRef[] | null = typeof people === "function" ? null : people;
  const intent = classify(question, () => (known ??= (people as () => readonly PersonRef[])()));
  // Topic words are matched folded; the answer repeats them as the user wrote them.
  if (intent?.kind === "questions" && intent.about) intent.about = asWritten(intent.about, question);
  return intent;
}

function asWritten(fragment: string, question: string): string {
  const pattern = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(pattern, "iu").exec(question)?.[0] ?? fragment;
}

function classify(question: string, people: () => readonly PersonRef[]): BriefingIntent | null {
  const q = normalise(question);
  if (!q) return null;
  const pick = pickOf(q);
  const bare = withoutWhereAsked(q);

  if (LIST.some((p) => p.test(q))) return { kind: "list", pick };

  for (const pattern of PERSON) {
    const who = pattern.exec(bare)?.groups?.who;
    const found = who ? resolvePeople(withoutWhereAsked(who.replace(/,? and what.*$/, "")), people()) : null;
    if (found) return { kind: "person", people: named(found), pick };
  }

  const askedBy = ASKED_BY.exec(bare);
  const askers = askedBy ? resolvePeople(askedBy.groups!.who!, people()) : null;
  if (askers) return { kind: "questions", about: askedBy!.groups!.about ?? null, first: false, last: false, askers: false, by: named(askers), pick };
  for (const pattern of WHO_ASKED) {
    const match = pattern.exec(q);
    if (match) {
      const tail = questionsTail(match.groups?.rest ?? "");
      return { kind: "questions", ...tail, first: tail.first || !!match.groups?.first, last: tail.last || !!match.groups?.last, askers: true, by: [], pick };
    }
  }
  const answeredAbout = WHO_ANSWERED_ABOUT.exec(q)?.groups?.rest;
  if (answeredAbout !== undefined) return { kind: "questions", ...questionsTail(`about ${answeredAbout}`), askers: false, by: [], pick };
  for (const pattern of QUESTIONS) {
    const match = pattern.exec(q);
    if (match) {
      const tail = questionsTail(match.groups?.rest ?? "");
      return { kind: "questions", ...tail, first: tail.first || !!match.groups?.first, last: tail.last || !!match.groups?.last, askers: false, by: [], pick };
    }
  }

  if (OPENING.some((p) => p.test(q))) return { kind: "opening", pick };
  for (const pattern of SAID) {
    const who = pattern.exec(bare)?.groups?.who;
    const found = who ? resolvePeople(who, people()) : null;
    if (found) return { kind: "said", people: named(found), pick };
  }

  // "Who spoke about the debt limit?" asks whose words are on a topic: a content question. "Who briefed reporters
  // about the deal?" still asks who gave the briefing.
  const host = HOST.test(q);
  if ((host || SPEAKERS.some((p) => p.test(q))) && !TALKED_ABOUT.test(bare)) {
    const joined = /\b(?:joined|accompanied|with|besides|other than|apart from|alongside|along with)\b(.*)$/.exec(q)?.[1] ?? "";
    return { kind: "speakers", besides: joined ? named(peopleMentioned(joined, people())) : [], host, pick };
  }
  const when = WHEN.some((p) => p.test(q));
  const where = WHERE.some((p) => p.test(q));
  if (when || where) return { kind: "when-where", when, where, pick };
  if (TOPIC.some((p) => p.test(bare) || p.test(q))) return { kind: "topic", pick };
  return null;
}
