package org.duban.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiContractTest {

    private static List<String> violations(String json) throws Exception {
        return OpenApiContract.violations(new ObjectMapper().readTree(json.replace('\'', '"')));
    }

    private static final String PROBLEM = "{'content':{'application/problem+json':{'schema':{'$ref':'#/components/schemas/Problem'}}}}";

    @Test
    void aCompleteProtectedOperationAndAnOpenPublicOneKeepTheContract() throws Exception {
        assertEquals(List.of(), violations("{'paths':{"
                + "'/api/v1/units/{code}':{'get':{'summary':'Read a unit','tags':['Units'],'security':[{'bearerJwt':[]}],"
                + "'responses':{'200':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Unit'}}}},"
                + "'401':" + PROBLEM + ",'403':" + PROBLEM + ",'404':" + PROBLEM + "}}},"
                + "'/api/v1/public/plans/{id}':{'get':{'summary':'Public progress','tags':['Public'],"
                + "'responses':{'200':{'content':{'application/json':{'schema':{'type':'object'}}}},'304':{}}}}}}"));
    }

    @Test
    void eachMissingPartIsNamed() throws Exception {
        List<String> v = violations("{'paths':{'/api/v1/tasks':{'post':{"
                + "'requestBody':{'content':{'application/json':{'schema':{}}}},"
                + "'responses':{'201':{},'409':{'description':'Conflict'}}}}}}");
        String all = String.join("\n", v);
        assertTrue(all.contains("POST /api/v1/tasks: no summary or description"), all);
        assertTrue(all.contains("no tag"), all);
        assertTrue(all.contains("request body application/json without a schema"), all);
        assertTrue(all.contains("error response 409 is not application/problem+json"), all);
        assertTrue(all.contains("no bearerJwt requirement"), all);
        assertTrue(all.contains("success response 201 without content"), all);
    }

    @Test
    void aPublicEndpointMustNotAskForAToken() throws Exception {
        List<String> v = violations("{'paths':{'/api/v1/public/plans/{id}':{'get':{'summary':'s','tags':['t'],"
                + "'security':[{'bearerJwt':[]}],'responses':{'200':{'content':{'application/json':{'schema':{'type':'object'}}}}}}}}}");
        assertEquals(List.of("GET /api/v1/public/plans/{id}: a public endpoint with a security requirement"), v);
    }

    @Test
    void anOperationWithoutASuccessResponseOrWithAnEmptySuccessSchemaIsNamed() throws Exception {
        String ok = "'summary':'s','tags':['t'],'security':[{'bearerJwt':[]}]";
        List<String> v = violations("{'paths':{'/api/v1/a':{'get':{" + ok + ",'responses':{'401':" + PROBLEM + ",'403':" + PROBLEM + "}},"
                + "'put':{" + ok + ",'responses':{'200':{'content':{'application/json':{'schema':{}}}},'401':" + PROBLEM + ",'403':" + PROBLEM + "}}}}}");
        assertEquals(List.of("GET /api/v1/a: no success response",
                "PUT /api/v1/a: success response 200 (application/json) without a schema"), v);
    }
}
