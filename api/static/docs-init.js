// Starts Swagger UI on /docs over this service's OpenAPI description (served by api/docs.py;
// a file, not an inline script, so that the page's Content-Security-Policy allows only 'self').
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  // Without this Swagger UI shows a badge image from validator.swagger.io.
  validatorUrl: null,
});
