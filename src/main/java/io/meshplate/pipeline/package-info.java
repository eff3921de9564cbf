/** The stage order of every command: validate, render, check, write. Commands call nothing else. */
package io.meshplate.pipeline;
