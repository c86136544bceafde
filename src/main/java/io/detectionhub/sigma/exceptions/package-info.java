/**
 * Tuning exceptions drafted from matched events: Sigma filter documents that suppress "matches like this one".
 */
package io.detectionhub.sigma.exceptions;
