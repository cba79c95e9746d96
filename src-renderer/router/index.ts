import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from '../pages/HomePage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Title shown in the navigation and the window title. */
    title: string
    /** mdi icon name for the navigation. */
    icon: string
    /** Whether the page needs an open project (the navigation disables it otherwise). */
    needsProject?: boolean
  }
}

/**
 * Pages are listed here only once their data and workflow exist in the contract, so the navigation
 * never leads to an empty page. Hash history: the same bundle runs from file:// in Electron and from
 * the browser-mode server, whose token stays in the query string before the hash.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: 'Home', icon: 'mdi-home-outline' } },
  {
    path: '/data',
    name: 'data',
    component: () => import('../pages/DataPage.vue'),
    meta: { title: 'Data', icon: 'mdi-table-large', needsProject: true },
  },
  {
    path: '/hull',
    name: 'hull',
    component: () => import('../pages/HullPage.vue'),
    meta: { title: 'Convex hull', icon: 'mdi-chart-bell-curve-cumulative', needsProject: true },
  },
  { path: '/:unknown(.*)*', redirect: '/' },
]

export function createStudioRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
