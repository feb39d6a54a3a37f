package com.hmall.pay.client;

import java.io.IOException;
import java.io.InputStream;

import feign.Response;
import feign.codec.ErrorDecoder;
import tools.jackson.databind.json.JsonMapper;

/** Turns a downstream problem-JSON answer into a {@link RemoteProblemException}. */
public class ProblemErrorDecoder implements ErrorDecoder {

    private final JsonMapper jsonMapper;

    public ProblemErrorDecoder(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        return RemoteProblemException.read(status, body(response), jsonMapper, "HTTP " + status + " from " + methodKey);
    }

    private static InputStream body(Response response) {
        try {
            return response.body() == null ? null : response.body().asInputStream();
        } catch (IOException e) {
            return null;
        }
    }
}
