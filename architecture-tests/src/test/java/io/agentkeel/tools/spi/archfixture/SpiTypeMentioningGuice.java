package io.agentkeel.tools.spi.archfixture;

import com.google.inject.Injector;

/** Fixture that breaks rule 1: an SPI type that mentions Guice. */
public final class SpiTypeMentioningGuice {
  /**
   * Breaks rule 1: the SPI mentions Guice.
   *
   * @param injector an injector
   * @return its string form
   */
  public static String describe(Injector injector) {
    return injector.toString();
  }

  private SpiTypeMentioningGuice() {}
}
