/**
 * The render cache under {@code .meshplate/cache/}: what each folder rendered to, keyed by a
 * digest of everything the folder depends on, so an unchanged folder is neither rendered nor read.
 */
package io.meshplate.cache;
