/**
 * What {@code .meshplate/cache/} keeps between runs, so unchanged work is not done again: what
 * each folder rendered to, keyed by a digest of everything the folder depends on ({@link
 * io.meshplate.cache.RenderCache}); the last complete run's inputs ({@link
 * io.meshplate.cache.RunRecord}); each descriptor content parsed and checked ({@link
 * io.meshplate.cache.DescriptorMemo}); each folder's connectivity facts, keyed by its files' blob
 * ids ({@link io.meshplate.cache.FactsPack}); what the connectivity check found and the flows
 * the {@code reach} table printed, per overlay ({@link io.meshplate.cache.GatePack}); the inputs
 * of the last whole-tree checks that passed ({@link io.meshplate.cache.TreeVerdicts}). A missing
 * or damaged cache only costs time.
 */
package io.meshplate.cache;
