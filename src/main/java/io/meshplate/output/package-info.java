/** The only code that writes or deletes under {@code output/}: journaled, locked, all-or-nothing. */
package io.meshplate.output;
