package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.WriteBack;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.core.AgentSettings;
import java.time.Clock;
import java.util.List;

/**
 * Everything a run uses, gathered once per agent: the run reads these instead of reaching into the
 * agent. Each extension point comes as its composite, which owns its failure policy.
 *
 * @param settings the agent's settings
 * @param clock the agent's one time source
 * @param offers the tools offered per workflow and principal, and the system messages
 * @param models the model fallback chain
 * @param invoker the only caller of tools
 * @param watchdog interrupts calls past their deadline
 * @param guards the input guards
 * @param filters the output filters
 * @param validators validators of every workflow
 * @param scorer the confidence scorer
 * @param limits the rate limiter
 * @param interceptors model and tool call interceptors
 * @param boundaries the model boundaries
 * @param assembler the context assembler
 * @param writeBacks the write-back hooks
 * @param listeners event listeners
 * @param auditSinks audit sinks
 * @param reviews the review queue
 * @param reviewerBound whether a review queue was bound (a person can confirm destructive calls)
 * @param sessionMemory session memory
 * @param workingMemory working memory
 * @param journal the task journal
 */
record RunServices(
    AgentSettings settings,
    Clock clock,
    ToolOffers offers,
    ModelChain models,
    ToolInvoker invoker,
    CallWatchdog watchdog,
    InputGuards guards,
    OutputFilters filters,
    List<OutputValidator> validators,
    ConfidenceScorer scorer,
    RateLimits limits,
    Interceptors interceptors,
    ModelBoundaries boundaries,
    ContextAssembler assembler,
    List<WriteBack> writeBacks,
    List<AgentEventListener> listeners,
    List<AuditSink> auditSinks,
    ReviewQueue reviews,
    boolean reviewerBound,
    SessionMemory sessionMemory,
    WorkingMemory workingMemory,
    RunJournal journal) {}
