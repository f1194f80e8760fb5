package io.agentkeel.examples.shipping;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Shipping-rate estimates from a fixed price table. Stateless and thread-safe. */
public final class ShippingTools {

  /** Makes the tools. */
  public ShippingTools() {}

  /** How fast a parcel travels. */
  public enum Speed {
    /** Three to five working days. */
    STANDARD,
    /** Next working day. */
    EXPRESS
  }

  /**
   * Arguments of {@code estimate_shipping}.
   *
   * @param country the destination country code
   * @param weightKg the parcel's weight in kilograms
   * @param speed how fast it should arrive
   */
  public record EstimateShipping(
      @Param(
              value = "The destination's two-letter country code, such as DE.",
              pattern = "^[A-Z]{2}$")
          String country,
      @Param(value = "The parcel's weight in whole kilograms, from 1 to 30.", min = 1, max = 30)
          @Default("1")
          int weightKg,
      @Param("How fast the parcel should arrive: standard or express.") @Default("standard")
          Speed speed) {}

  /**
   * A price and delivery estimate.
   *
   * @param country the destination
   * @param weightKg the weight
   * @param speed the speed
   * @param priceEur the price in euros
   * @param workingDays the working days to deliver
   */
  public record ShippingEstimate(
      String country, int weightKg, String speed, BigDecimal priceEur, int workingDays) {}

  /**
   * Estimates shipping.
   *
   * @param request the arguments
   * @return the estimate
   */
  @AgentTool(
      name = "estimate_shipping",
      description =
          "Estimates the price in euros and the working days to ship one parcel to a country.",
      whenToUse =
          "When someone asks how much shipping or delivery costs, or how long a parcel takes to"
              + " arrive in a country.",
      scopes = "shipping:read",
      sideEffect = SideEffect.READ_ONLY)
  public ShippingEstimate estimateShipping(EstimateShipping request) {
    boolean domestic = request.country().equals("DE");
    BigDecimal base = domestic ? new BigDecimal("4.90") : new BigDecimal("13.50");
    BigDecimal perKg = domestic ? new BigDecimal("0.60") : new BigDecimal("1.80");
    BigDecimal price = base.add(perKg.multiply(BigDecimal.valueOf(request.weightKg())));
    int days = domestic ? 3 : 5;
    if (request.speed() == Speed.EXPRESS) {
      price = price.multiply(new BigDecimal("2.0"));
      days = domestic ? 1 : 2;
    }
    return new ShippingEstimate(
        request.country(),
        request.weightKg(),
        request.speed().name().toLowerCase(Locale.ROOT),
        price.setScale(2, RoundingMode.HALF_UP),
        days);
  }
}
