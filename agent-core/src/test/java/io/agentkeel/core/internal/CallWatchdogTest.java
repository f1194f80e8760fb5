package io.agentkeel.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallWatchdogTest {

  private final CallWatchdog watchdog = new CallWatchdog();

  @AfterEach
  void close() {
    watchdog.close();
  }

  @Test
  void interruptsACallPastItsDeadlineAndClearsTheInterruptAfterwards() {
    try (CallWatchdog.Watch watch = watchdog.watchCurrentThread()) {
      watch.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
      assertThatThrownBy(() -> Thread.sleep(10_000)).isInstanceOf(InterruptedException.class);

      assertThat(watch.disarm()).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void aCallThatEndsInTimeIsNotInterrupted() throws InterruptedException {
    try (CallWatchdog.Watch watch = watchdog.watchCurrentThread()) {
      watch.arm(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
      Thread.sleep(20);

      assertThat(watch.disarm()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void aDisarmedWatchNeverInterruptsLater() throws InterruptedException {
    try (CallWatchdog.Watch watch = watchdog.watchCurrentThread()) {
      watch.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
      assertThat(watch.disarm()).isFalse();

      Thread.sleep(4 * CallWatchdog.TICK_MILLIS + 20);

      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void theSameWatchServesOneCallAfterAnother() {
    try (CallWatchdog.Watch watch = watchdog.watchCurrentThread()) {
      watch.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
      assertThatThrownBy(() -> Thread.sleep(10_000)).isInstanceOf(InterruptedException.class);
      assertThat(watch.disarm()).isTrue();

      watch.arm(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
      assertThat(watch.disarm()).isFalse();
    }
  }

  @Test
  void anInterruptTheCallLeftOnItsThreadIsClearedToo() {
    try (CallWatchdog.Watch watch = watchdog.watchCurrentThread()) {
      watch.arm(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
      Thread.currentThread().interrupt();

      assertThat(watch.disarm()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }
}
