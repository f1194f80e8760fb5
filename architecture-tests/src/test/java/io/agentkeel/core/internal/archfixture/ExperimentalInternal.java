package io.agentkeel.core.internal.archfixture;

import io.agentkeel.api.Experimental;

/** Fixture that breaks the @Experimental rule: an internal type marked as experimental API. */
@Experimental
public final class ExperimentalInternal {}
