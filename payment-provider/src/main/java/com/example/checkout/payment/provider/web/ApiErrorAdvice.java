package com.example.checkout.payment.provider.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.DatabindException;

/**
 * Every error the provider answers, in the one shape its clients parse (Stripe's, not problem+json: it imitates a
 * third party). A request that fails here has written nothing: the features validate before they touch the ledger.
 */
@RestControllerAdvice
class ApiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> apiError(ApiError error) {
        HttpHeaders headers = new HttpHeaders();
        error.headers().forEach(headers::add);
        return ResponseEntity.status(error.status()).headers(headers).body(new ErrorBody(new ErrorBody.Detail(
                error.type(), error.code(), error.param(), error.getMessage(), error.charge())));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadableBody(HttpMessageNotReadableException exception) {
        // The field at fault when Jackson knows it (a string where the amount goes), else the body as a whole.
        String param = exception.getMostSpecificCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty() ? databind.getPath().getLast().getPropertyName() : null;
        return apiError(ApiError.invalidRequest(param, param == null
                ? "The request body is not valid JSON." : "Invalid value for " + param + "."));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> missingHeader(MissingRequestHeaderException exception) {
        return apiError(ApiError.invalidRequest(null, "The " + exception.getHeaderName() + " header is required."));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException exception) {
        return apiError(ApiError.invalidRequest(exception.getParameterName(),
                "Missing required param: " + exception.getParameterName() + "."));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> badParameter(MethodArgumentTypeMismatchException exception) {
        return apiError(ApiError.invalidRequest(exception.getName(), "Invalid value for " + exception.getName() + "."));
    }

    /** Spring MVC's own rejections (unknown URL, wrong method or media type) keep their status; anything else is 500. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> unexpected(Exception exception) {
        if (exception instanceof ErrorResponse rejection) {
            return ResponseEntity.status(rejection.getStatusCode()).headers(rejection.getHeaders())
                    .body(new ErrorBody(new ErrorBody.Detail("invalid_request_error", null, null,
                            rejection.getBody().getTitle(), null)));
        }
        log.error("Request failed", exception);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ErrorBody(new ErrorBody.Detail(
                "api_error", null, null, "An unexpected error occurred.", null)));
    }
}
