package io.agentkeel.security.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Logistic-regression weights over {@link InjectionFeatures}: the shipped model, read from the jar,
 * or one written by the training code.
 *
 * @param dense weights of the dense block
 * @param ngram weights of the n-gram buckets
 * @param bias the intercept
 */
public record InjectionModel(float[] dense, float[] ngram, float bias) {
  /** Where the shipped model is in the jar. */
  public static final String RESOURCE = "/io/agentkeel/security/injection-model.bin.gz";

  private static final int MAGIC = 0x414b494d; // "AKIM"

  /**
   * The probability that a text is an injection.
   *
   * @param v the text's features
   * @return a probability in [0, 1]
   */
  public double probability(InjectionFeatures.Vector v) {
    double z = bias;
    float[] d = v.dense();
    for (int i = 0; i < d.length; i++) {
      z += d[i] * dense[i];
    }
    int[] idx = v.ngramIndex();
    float[] val = v.ngramValue();
    for (int i = 0; i < idx.length; i++) {
      z += val[i] * ngram[idx[i]];
    }
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /**
   * Reads the shipped model.
   *
   * @return the model
   * @throws IllegalStateException if the jar does not hold it
   */
  public static InjectionModel shipped() {
    InputStream in = InjectionModel.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          "the injection model " + RESOURCE + " is missing from agent-security's jar; rebuild it");
    }
    try (DataInputStream data =
        new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
      if (data.readInt() != MAGIC) {
        throw new IllegalStateException(RESOURCE + " is not an injection model");
      }
      float[] dense = new float[data.readInt()];
      for (int i = 0; i < dense.length; i++) {
        dense[i] = data.readFloat();
      }
      float[] ngram = new float[data.readInt()];
      for (int i = 0; i < ngram.length; i++) {
        ngram[i] = data.readFloat();
      }
      return new InjectionModel(dense, ngram, data.readFloat());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the injection model " + RESOURCE, e);
    }
  }

  /**
   * Writes the model in the shipped format.
   *
   * @param out where to
   * @throws IOException if writing fails
   */
  public void write(OutputStream out) throws IOException {
    try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(out))) {
      data.writeInt(MAGIC);
      data.writeInt(dense.length);
      for (float f : dense) {
        data.writeFloat(f);
      }
      data.writeInt(ngram.length);
      for (float f : ngram) {
        data.writeFloat(f);
      }
      data.writeFloat(bias);
    }
  }
}
