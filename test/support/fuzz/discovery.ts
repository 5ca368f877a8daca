import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { INestApplication } from '@nestjs/common/interfaces';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { API_PREFIX } from '../../../src/app.setup';

/** Every method handler of the app's controllers or gateways, with its class. */
function handlers(app: INestApplication, kind: 'controllers' | 'gateways') {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = new MetadataScanner();
  const wrappers =
    kind === 'controllers'
      ? discovery.getControllers()
      : discovery.getProviders().filter((wrapper) => wrapper.metatype && isGateway(wrapper.metatype));
  return wrappers.flatMap((wrapper) => {
    const prototype = (wrapper.metatype as { prototype: object }).prototype;
    return scanner.getAllMethodNames(prototype).map((name) => ({
      type: wrapper.metatype,
      handler: (prototype as Record<string, unknown>)[name] as object,
    }));
  });
}

function isGateway(metatype: object): boolean {
  return Reflect.getMetadata(GATEWAY_METADATA, metatype) === true;
}

/** A path metadata value: one path, several, or none (the controller's root). */
const paths = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : [typeof value === 'string' ? value : ''];

/**
 * The REST routes the running app serves, as `METHOD /api/v1/path` with Express-style `:params`, read from
 * Nest's own route metadata so that a route added anywhere shows up here.
 */
export function discoverRoutes(app: INestApplication): string[] {
  return handlers(app, 'controllers').flatMap(({ type, handler }) => {
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) {
      return [];
    }
    return paths(Reflect.getMetadata(PATH_METADATA, type as object)).flatMap((base) =>
      paths(Reflect.getMetadata(PATH_METADATA, handler)).map((path) => {
        const full = ['', API_PREFIX, base, path]
          .join('/')
          .replace(/\/{2,}/g, '/')
          .replace(/(.)\/$/, '$1');
        return `${RequestMethod[method]} ${full}`;
      }),
    );
  });
}

/** The socket events the app's gateways subscribe to. */
export function discoverSocketEvents(app: INestApplication): string[] {
  return handlers(app, 'gateways')
    .filter(({ handler }) => Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler) === true)
    .map(({ handler }) => String(Reflect.getMetadata(MESSAGE_METADATA, handler)));
}
