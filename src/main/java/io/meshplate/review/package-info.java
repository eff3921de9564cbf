/** Reviewing a change of the rendered output: semantic diff, security summary, deletion guard, review routing. */
package io.meshplate.review;
