/**
 * Web plumbing every module shares and that knows no feature: problem details for common errors, request body limits
 * and strict text decoding, ETags, the YAML media types, the error pages, the page layout model and the OpenAPI
 * document.
 */
@ApplicationModule(displayName = "Web plumbing", allowedDependencies = "sigma")
package io.detectionhub.web;

import org.springframework.modulith.ApplicationModule;
