// Per-user cooldown between searches, so one user cannot fill the engine queue for everybody.

export interface Cooldown {
  /** 0 when `userId` may search now (and the time is recorded); otherwise the seconds left to wait. */
  take(userId: string): number;
}

export function cooldown(seconds: number, now: () => number = Date.now): Cooldown {
  const last = new Map<string, number>();
  const ms = seconds * 1000;
  return {
    take(userId) {
      if (ms <= 0) return 0;
      const t = now();
      const previous = last.get(userId);
      if (previous !== undefined && t - previous < ms) return Math.ceil((ms - (t - previous)) / 1000);
      last.set(userId, t);
      // Forget users whose cooldown has long passed, so the map stays small on a busy server.
      if (last.size > 10_000) for (const [id, at] of last) if (t - at >= ms) last.delete(id);
      return 0;
    },
  };
}
