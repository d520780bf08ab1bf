/**
 * Replication on Apache Ratis: a member's engine is the state machine of a Raft group, and every
 * write reaches every member's engine through the Raft log, in log order. Ratis's types stay
 * internal.
 */
// Ratis (shaded into cyberdb.ratis), its third-party jar and SLF4J are automatic modules.
@SuppressWarnings("requires-automatic")
module cyberdb.cluster {
    requires cyberdb.api;
    requires cyberdb.client;
    requires cyberdb.core;
    requires cyberdb.engine;
    requires cyberdb.net;
    requires cyberdb.ratis;
    requires ratis.thirdparty.misc;
    requires org.slf4j;
}
