/** Checks over rendered object trees: schema validation and post-render security invariants. */
package io.meshplate.policy;
