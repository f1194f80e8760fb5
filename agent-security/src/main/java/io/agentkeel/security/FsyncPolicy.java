package io.agentkeel.security;

/** When a file audit log forces its entries to disk. */
public enum FsyncPolicy {
  /** After every entry: nothing acknowledged is ever lost. */
  EVERY_ENTRY,
  /**
   * After tool intents and task ends (the default): a write or destructive call never runs before
   * its intent is on disk; other entries reach the disk with the next forced one or {@code flush}.
   */
  INTENTS
}
