import type { FastifyRequest } from 'fastify';

// A one-time message carried across the redirect that follows a successful form (post, redirect, get): set it
// before redirecting, take it on the page that follows, and it is gone on the next view.

export function setFlash(request: FastifyRequest, message: string): void {
  request.session.flash = message;
}

export function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session?.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}
