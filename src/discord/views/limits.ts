// Discord's hard limits on what one message may carry, and a checker the tests run over every payload.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from "discord.js";

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  placeholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
  urlLength: 2048,
} as const;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** One message the bot sends: plain API data that discord.js accepts as-is. */
export interface DiscordReply {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
}

/** Characters Discord counts towards the 6000 per message: titles, descriptions, fields, footers, authors. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Every limit the reply breaks, as readable lines; [] when it is within all of them. */
export function limitViolations(reply: DiscordReply): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, limit: number) => {
    if (length > limit) problems.push(`${what}: ${length} > ${limit}`);
  };
  over("content", reply.content?.length ?? 0, LIMITS.content);
  const embeds = reply.embeds ?? [];
  over("embeds", embeds.length, LIMITS.embedsPerMessage);
  over("embed total", embeds.reduce((sum, e) => sum + embedLength(e), 0), LIMITS.embedTotal);
  embeds.forEach((e, i) => {
    over(`embed ${i} title`, e.title?.length ?? 0, LIMITS.embedTitle);
    over(`embed ${i} description`, e.description?.length ?? 0, LIMITS.embedDescription);
    over(`embed ${i} fields`, e.fields?.length ?? 0, LIMITS.embedFields);
    over(`embed ${i} footer`, e.footer?.text.length ?? 0, LIMITS.footerText);
    over(`embed ${i} author`, e.author?.name.length ?? 0, LIMITS.authorName);
    over(`embed ${i} url`, e.url?.length ?? 0, LIMITS.urlLength);
    e.fields?.forEach((f, j) => {
      over(`embed ${i} field ${j} name`, f.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, f.value.length, LIMITS.fieldValue);
      if (!f.name.trim() || !f.value.trim()) problems.push(`embed ${i} field ${j} is empty`);
    });
  });
  if (!reply.content?.trim() && !embeds.length) problems.push("empty message");
  const rows = reply.components ?? [];
  over("action rows", rows.length, LIMITS.actionRows);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    over(`row ${r} components`, row.components.length, LIMITS.buttonsPerRow);
    if (!row.components.length) problems.push(`row ${r} is empty`);
    for (const c of row.components) {
      if ("custom_id" in c && c.custom_id !== undefined) {
        over(`custom_id ${c.custom_id}`, c.custom_id.length, LIMITS.customId);
        if (ids.has(c.custom_id)) problems.push(`duplicate custom_id ${c.custom_id}`);
        ids.add(c.custom_id);
      }
      if (c.type === 2 && "label" in c) over(`row ${r} button label`, c.label?.length ?? 0, LIMITS.buttonLabel);
      if (c.type === 3) {
        if (row.components.length !== 1) problems.push(`row ${r}: a select menu must be alone in its row`);
        over(`row ${r} select options`, c.options.length, LIMITS.selectOptions);
        if (!c.options.length) problems.push(`row ${r} select has no options`);
        over(`row ${r} placeholder`, c.placeholder?.length ?? 0, LIMITS.placeholder);
        const values = new Set<string>();
        for (const o of c.options) {
          over(`option label`, o.label.length, LIMITS.optionLabel);
          over(`option value`, o.value.length, LIMITS.optionValue);
          over(`option description`, o.description?.length ?? 0, LIMITS.optionDescription);
          if (values.has(o.value)) problems.push(`duplicate option value ${o.value}`);
          values.add(o.value);
        }
      }
    }
  });
  return problems;
}
