// Courtesy turns: thanks, greetings and calling on someone. They say nothing about any topic: never an answer quoted,
// and a reporter's "Good afternoon." is no question (the opening remarks run on past it).

// Words of thanks, greeting and floor-passing.
const COURTESY = new Set(
  (
    "thank thanks you all everyone everybody very much so for coming being here joining us good morning afternoon evening " +
    "day hi hello welcome great nice see again pleasure appreciate it appreciated question questions the and a go ahead " +
    "yes yeah okay ok sure right bye goodbye alright all take care next please"
  ).split(" "),
);
const COURTESY_MAX_WORDS = 12;

/**
 * "Thank you all for coming.", "Good afternoon, everyone.", "Thanks, Jen.", "Trevor Hunnicutt.": short, and nothing but
 * courtesy and the names of the people thanked or called on.
 */
export function isCourtesy(text: string): boolean {
  const tokens = text.match(/[\p{L}'’]+/gu) ?? [];
  if (tokens.length === 0 || tokens.length > COURTESY_MAX_WORDS || /[?？]/.test(text)) return false;
  const other = tokens.filter((w) => !COURTESY.has(w.toLowerCase()));
  // A lone word other than courtesy ("Absolutely.", "Correct.") answers something; a full name alone calls on someone.
  const onlyNames = other.length <= 3 && other.every((w) => /^\p{Lu}/u.test(w));
  return onlyNames && (other.length < tokens.length || other.length >= 2);
}
