package io.agentkeel.memory.internal;

import io.agentkeel.api.memory.ChatTurn;
import java.time.Instant;

/** Writes a chat turn as one string ({@code role|epochSecond|nano|text}) and reads it back. */
public final class TurnCodec {

  private TurnCodec() {}

  /**
   * Encodes a turn.
   *
   * @param turn the turn
   * @return its encoding
   */
  public static String encode(ChatTurn turn) {
    return (turn.role() == ChatTurn.Role.USER ? "U" : "A")
        + "|"
        + turn.at().getEpochSecond()
        + "|"
        + turn.at().getNano()
        + "|"
        + turn.text();
  }

  /**
   * Decodes a turn written by {@link #encode}.
   *
   * @param value the encoding
   * @return the turn
   * @throws IllegalArgumentException if the value was not written by {@link #encode}
   */
  public static ChatTurn decode(String value) {
    int first = value.indexOf('|');
    int second = first < 0 ? -1 : value.indexOf('|', first + 1);
    int third = second < 0 ? -1 : value.indexOf('|', second + 1);
    if (first != 1 || third < 0) {
      throw new IllegalArgumentException(
          "not a stored chat turn: a stored turn starts 'U|' or 'A|'");
    }
    ChatTurn.Role role =
        switch (value.charAt(0)) {
          case 'U' -> ChatTurn.Role.USER;
          case 'A' -> ChatTurn.Role.ASSISTANT;
          default ->
              throw new IllegalArgumentException("unknown chat turn role " + value.charAt(0));
        };
    Instant at =
        Instant.ofEpochSecond(
            Long.parseLong(value.substring(first + 1, second)),
            Long.parseLong(value.substring(second + 1, third)));
    return new ChatTurn(role, value.substring(third + 1), at);
  }
}
