// Chinese transcripts: labels written with a full-width colon ("李明华：", "人民日报记者："), paragraphs without spaces,
// officials introduced role first ("滨海市水务局局长李明华，…出席发布会"), dates as "2023年6月8日", and a title line
// at the top. Everything here applies only to text in Han characters, so other transcripts read exactly as before.
import type { RosterEntry } from "../types.js";
import { splitUnspaced } from "../text/scripts.js";

const HAN = /\p{Script=Han}/u;

/** Whether the text holds a Han character (the test every rule here starts with). */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

// Punctuation that never occurs inside a speaker label: a colon-ended "label" holding one is a sentence.
const SENTENCE_PUNCTUATION = /[，。、；：！？“”「」『』…,;:!?"]/u;
// Characters of running prose (particles, pronouns, verbs of speech): names and titles do not use them.
const PROSE_CHARACTERS = /[了的们是我你他她这那将把被吗呢吧啊要让说讲们]/u;
/** Longest label in Han characters: "中央广播电视总台央视新闻记者" has 13. */
const MAX_HAN_LABEL = 16;

// List markers and headings that end in a colon but name no one: "一是：", "第二：", "注：".
const NOT_LABELS = /^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十\d]+(?:点|条|项|个|是)?|其[一二三四五六七八九十]|首先|其次|再次|然后|最后|另外|此外|总之|同时|例如|比如|注|注意|备注|附|说明|时间|地点|主题|内容|议题|背景|问题|答案|结论|原因|目标|原则|要求|措施|举措|重点|任务|特点|题目|标题|来源|摘要)$/u;

/** Whether a label candidate in Han characters (without its colon) reads like a speaker label rather than prose. */
export function looksLikeHanLabel(label: string): boolean {
  const bare = outsideFullWidthParentheses(label);
  if (!bare || [...bare].length > MAX_HAN_LABEL || SENTENCE_PUNCTUATION.test(bare) || /\s{2,}/.test(bare)) return false;
  if (NOT_LABELS.test(bare)) return false;
  // A reporter's label ("人民日报记者") may hold the odd prose character; anything else holding them is a sentence.
  return !PROSE_CHARACTERS.test(bare.replace(/记者|主持人|发言人/g, ""));
}

/** "李明华（滨海市水务局局长）" → "李明华": the label without its full-width (or ASCII) parentheses. */
export function outsideFullWidthParentheses(label: string): string {
  let depth = 0;
  let out = "";
  for (const ch of label) {
    if (ch === "（" || ch === "(") depth++;
    else if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out.trim();
}

const HAN_MODERATOR = /主持人|主持|司仪/u;
const HAN_ASKER = /记者|提问|^问$/u;

/** "主持人": runs the briefing, neither asks nor answers. */
export function isHanModeratorLabel(label: string): boolean {
  return HAN_MODERATOR.test(label);
}

/** "记者", "人民日报记者", "问": the press, whose turns are questions. */
export function isHanAskerLabel(label: string): boolean {
  return HAN_ASKER.test(outsideFullWidthParentheses(label));
}

// Offices that end the role before a name: "…局局长李明华", "…新闻发言人陈静", "…台长王海波". Longest first.
const ROLE_ENDINGS = [
  "常务副部长", "副部长", "部长", "副局长", "局长", "副司长", "司长", "副主任", "主任医师", "主任", "新闻发言人", "发言人",
  "副台长", "台长", "处长", "厅长", "院长", "校长", "副市长", "市长", "省长", "县长", "区长", "副书记", "书记", "副主席",
  "主席", "秘书长", "总经理", "经理", "董事长", "总裁", "委员", "专家", "教授", "研究员", "大使", "总监", "队长", "所长",
  "会长", "行长", "署长", "总工程师", "工程师", "医生", "负责人", "代表", "参赞", "总领事", "领事", "司令员", "政委",
  "检察长", "关长", "总经济师", "巡视员", "参事", "主管", "总编辑", "理事长", "站长", "馆长", "组长",
];
const ROLE_END = ROLE_ENDINGS.join("|");
// A role ending, then a name of two to four characters (a middle dot in transliterated names), then a boundary.
const ROLE_AND_NAME = new RegExp(`(${ROLE_END})([\\p{Script=Han}·]{2,4}?)(?=[、，,。；;：:\\s（(]|出席|介绍|主持|回答|参加|发布|就|表示|等|和|与|及|$)`, "gu");
// Words that introduce the officials ("今天我们邀请到…"): the role starts after them.
const LEAD_IN = /^.*(?:邀请到了|邀请到|请到了|请到|邀请了|邀请|出席的有|出席的是|有请|欢迎|由|是)/u;

/** Officials the announcement introduces role first: "滨海市水务局局长李明华，…副局长、新闻发言人陈静…出席发布会". */
export function parseHanRoster(announcement: string): RosterEntry[] {
  if (!hasHan(announcement)) return [];
  const roster: RosterEntry[] = [];
  for (const sentence of announcement.split(/[。！？\n]+/u)) {
    let from = 0;
    let organisation = "";
    for (const match of sentence.matchAll(ROLE_AND_NAME)) {
      const name = match[2]!;
      const roleEnd = match.index + match[1]!.length;
      // The role runs back to the last comma (or the previous official's name and the mark after it).
      const clause = sentence.slice(from, roleEnd);
      const start = Math.max(clause.lastIndexOf("，"), clause.lastIndexOf(","), clause.lastIndexOf("；")) + 1;
      let role = clause.slice(start).replace(/^[、和与及\s]+/u, "").replace(LEAD_IN, "").trim();
      // "…局局长赵国强、副局长孙丽": a bare office shares the organisation of the official named just before.
      if (ROLE_ENDINGS.includes(role) && organisation) role = organisation + role;
      else organisation = role.slice(0, new RegExp(ROLE_END, "u").exec(role)?.index ?? 0);
      from = match.index + match[0].length;
      if (role && !roster.some((r) => r.name === name)) roster.push({ name, role });
    }
  }
  return roster;
}

/** A label that writes role and name together ("外交部发言人汪文斌") → both; null otherwise. */
export function hanLabelPerson(label: string): { name: string; role: string } | null {
  const bare = outsideFullWidthParentheses(label);
  if (!hasHan(bare) || isHanAskerLabel(bare)) return null;
  const [entry] = parseHanRoster(bare);
  return entry && bare.endsWith(entry.name) && bare.length > entry.name.length ? entry : null;
}

/** A label in Han characters that names a person or an office: "外交部发言人汪文斌", "发言人", "王部长". */
export function namesHanOffice(label: string): boolean {
  const bare = outsideFullWidthParentheses(label);
  return hasHan(bare) && (hanLabelPerson(bare) !== null || ROLE_ENDINGS.some((ending) => bare.endsWith(ending) || bare.endsWith(ending.replace(/^副/, ""))));
}

/**
 * A label in Han characters that names an office and no one holding it: "发言人", "外交部发言人", "市长". Not "王部长"
 * (a surname and the office: Minister Wang) and not "外交部发言人汪文斌".
 */
export function hanOfficeOnly(label: string): boolean {
  const bare = outsideFullWidthParentheses(label);
  if (!hasHan(bare) || hanLabelPerson(bare) !== null) return false;
  const ending = ROLE_ENDINGS.find((e) => bare.endsWith(e));
  if (!ending) return false;
  const before = bare.slice(0, bare.length - ending.length);
  return [...before].length !== 1;
}

/** "2023年6月8日" → "2023-06-08"; null when the text writes no such date. */
export function hanDate(text: string): string | null {
  const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return null;
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}

/**
 * The title line a Chinese transcript opens with ("滨海市水务局…新闻发布会"): the announcement's first paragraph when
 * it is one short line in Han characters that does not end a sentence, and more of the announcement follows.
 * Returns the title and the announcement without it; null when there is no such line.
 */
export function hanTitleLine(announcement: string): { title: string; rest: string } | null {
  const end = announcement.indexOf("\n\n");
  if (end < 0) return null;
  const first = announcement.slice(0, end).trim();
  const rest = announcement.slice(end + 2).trim();
  if (!rest || !first || first.includes("\n") || [...first].length > 60 || !hasHan(first) || /[。！？.!?：:，,；;]$/u.test(first)) return null;
  return { title: first, rest };
}

/** Words of a text in Han characters, counted as the segmenter cuts them: "好的，谢谢。" has 2. */
export function hanWordCount(text: string): number {
  let n = 0;
  for (const token of text.match(/\p{L}[\p{L}\p{M}'’]*|\p{N}+/gu) ?? []) n += hasHan(token) ? splitUnspaced(token).length : 1;
  return n;
}
