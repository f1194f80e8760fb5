package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.security.internal.InjectionModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Retrains the shipped injection classifier on all of the shared data and rewrites its weights in
 * src/main/resources. Runs only when asked: {@code -Dinjection.train=true}.
 */
class InjectionModelTrainingTest {
  @Test
  @EnabledIfSystemProperty(named = "injection.train", matches = "true")
  void retrainAndWriteTheShippedWeights() throws Exception {
    Path out = Path.of("src/main/resources" + InjectionModel.RESOURCE);
    InjectionTraining.main(new String[] {SharedData.dir().toString(), out.toString()});
    assertThat(Files.size(out)).isGreaterThan(10_000);
  }
}
