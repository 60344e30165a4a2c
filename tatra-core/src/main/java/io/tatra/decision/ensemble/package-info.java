/**
 * Design document 003's ensemble: a timing member (the LSTM's entry signal), a win-probability member (LightGBM), a
 * sizing member (PPO) and any others vote; explicit, configured rules turn the votes into one decision whose reasoning
 * names the rule that fired and every vote.
 */
package io.tatra.decision.ensemble;
