import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from './error-response';

/** Renders every REST failure as the common error body. Socket errors are mapped by the gateway. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { body, internal } = toErrorBody(exception, typeof request.id === 'string' ? request.id : '');
    if (internal) {
      this.logger.error({ err: exception }, 'Unhandled error while serving a request');
    }
    response.status(body.statusCode).json(body);
  }
}
