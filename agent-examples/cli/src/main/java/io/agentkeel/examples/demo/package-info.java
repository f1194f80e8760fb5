/**
 * The offline demo model: a LangChain4j chat model that needs no key and no network, picks a tool
 * by embedding similarity, fills the arguments it finds in the request and answers from the tool
 * results. Every answer says plainly that it comes from the demo model.
 */
package io.agentkeel.examples.demo;
