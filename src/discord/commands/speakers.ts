// /speakers: who spoke, their roles and how many answers each gave.
import type { SlashCommand } from "../job.js";
import { acceptFilter } from "../input.js";
import { peopleReply, speakersReply } from "../views/briefings.js";
import { briefingOption } from "./options.js";

export const speakersCommand: SlashCommand = {
  definition: {
    name: "speakers",
    description: "Who spoke, their roles and how many answers each gave",
    options: [briefingOption("Only this briefing")],
  },
  job(interaction, ctx) {
    const name = acceptFilter(interaction.options.getString("briefing"), "briefing name");
    const { engine, catalog } = ctx;
    return {
      name: "speakers",
      ephemeral: false,
      work: () => ({
        // Across several briefings, each person once with the role from each briefing.
        replies: [
          !name && catalog.briefings.length > 1
            ? peopleReply(engine.people(), catalog.briefings, (id) => engine.questions(id))
            : speakersReply(engine.speakersByBriefing(name ?? undefined)),
        ],
      }),
    };
  },
};
