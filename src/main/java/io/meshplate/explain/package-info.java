/** {@code meshplate explain}: where a rendered value or object came from (DESIGN §4, provenance). */
package io.meshplate.explain;
