package io.agentkeel.core.internal;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the loop; thread-safe and expensive to create, so shared. */
final class Json {
  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private Json() {}
}
